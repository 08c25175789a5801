-- User and customer lifecycle (issue 4): free accounts outside any customer, verified email
-- domains for claiming users, the time a user's provisioning status last changed (the Wholesale
-- API's lastStatusChange), and an index to count existing-account probes for rate limiting.

alter table users add column status_changed_at timestamptz not null default now();

-- Kept by the database so every writer (API, CSV, SCIM, repair) gets it right.
create function users_touch_status_changed_at() returns trigger language plpgsql as $$
begin
  if new.status is distinct from old.status then
    new.status_changed_at := now();
  end if;
  return new;
end;
$$;
create trigger users_status_changed before update on users
  for each row execute function users_touch_status_changed_at();
create index users_customer_created on users (customer_id, created_at, id);

-- People outside any customer (SPEC §5): self sign-up (email verified through the outbox) or
-- created by an operator. Adding one's email to a customer leads to pending_user_migration; the
-- row goes when the person consents (or is claimed through a verified domain).
create table free_accounts (
  id uuid primary key default gen_random_uuid(),
  email text not null check (position('@' in email) > 1),
  first_name text,
  last_name text,
  source text not null check (source in ('signup', 'operator')),
  status text not null default 'unverified' check (status in ('unverified', 'active')),
  email_verified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index free_accounts_email on free_accounts (lower(email));
-- Claimable accounts are listed by email domain.
create index free_accounts_domain on free_accounts (lower(split_part(email, '@', 2)), lower(email));

-- Domains a customer proves with the DNS TXT record of SPEC §5. A domain is verified for at most
-- one customer of the deployment at a time.
create table customer_domains (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  domain text not null check (domain = lower(domain)),
  token text not null,
  status text not null default 'pending' check (status in ('pending', 'verified')),
  verified_at timestamptz,
  last_checked_at timestamptz,
  created_at timestamptz not null default now(),
  unique (customer_id, domain)
);
create unique index customer_domains_verified on customer_domains (domain) where status = 'verified';

-- Probes of other customers' emails are audited; the rate limit counts them per actor.
create index audit_events_actor_action on audit_events (actor_id, action, occurred_at) where actor_id is not null;
