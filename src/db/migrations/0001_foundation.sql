-- Foundation schema: tenancy (partners -> customers -> users, locations, numbers), admin accounts,
-- sessions, API tokens, the append-only audit log and the job queue. Plain SQL for PostgreSQL 15+
-- and PGlite (Postgres 18): no features newer than 15.

create table partners (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 200),
  default_language text not null default 'en',
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The deployment's default partner (created on the first start) is unique.
create unique index partners_one_default on partners (is_default) where is_default;

create table customers (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references partners (id),
  name text not null check (length(btrim(name)) between 1 and 200 and position('%' in name) = 0),
  external_id text not null check (length(btrim(external_id)) between 1 and 200),
  admin_email text not null,
  country char(2) not null,
  address_line1 text check (length(address_line1) <= 50),
  address_line2 text check (length(address_line2) <= 50),
  city text,
  state_or_province text,
  zip_code text,
  language text not null default 'en_US',
  status text not null default 'provisioning'
    check (status in ('provisioning', 'provisioned', 'provisioned_with_errors', 'error', 'updating', 'deleting')),
  errors jsonb not null default '[]',
  -- Settings (SPEC §2) with their defaults.
  default_package text,
  auto_assign_basic_licences boolean not null default true,
  default_preferred_webex_site text,
  extension_length integer not null default 4 check (extension_length between 2 and 10),
  default_import_behaviour text not null default 'add-only' check (default_import_behaviour in ('add-only', 'add-remove')),
  directory_sync_enabled boolean not null default false,
  sso_enabled boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (partner_id, external_id),
  -- Lets child tables carry (partner_id, id) so a row can never point across partners.
  unique (partner_id, id)
);
create index customers_partner_name on customers (partner_id, lower(name), id);

create table customer_packages (
  customer_id uuid not null references customers (id) on delete cascade,
  package_id text not null,
  "limit" integer check ("limit" is null or "limit" >= 0),
  primary key (customer_id, package_id)
);

create table admin_accounts (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references partners (id),
  -- Set for customer roles only: the one organization they administer.
  customer_id uuid references customers (id) on delete cascade,
  email text not null,
  display_name text,
  role text not null check (role in ('operator', 'partner_full_admin', 'partner_readonly_admin', 'customer_full_admin', 'customer_readonly_admin')),
  password_hash text,
  status text not null default 'invited' check (status in ('invited', 'active', 'disabled')),
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((role like 'customer_%') = (customer_id is not null))
);
create unique index admin_accounts_email on admin_accounts (lower(email));
create index admin_accounts_customer on admin_accounts (customer_id) where customer_id is not null;

create table sessions (
  token_hash text primary key,
  admin_id uuid not null references admin_accounts (id) on delete cascade,
  csrf_token text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_admin on sessions (admin_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references partners (id),
  customer_id uuid references customers (id) on delete cascade,
  created_by uuid references admin_accounts (id) on delete set null,
  name text not null,
  role text not null check (role in ('operator', 'partner_full_admin', 'partner_readonly_admin', 'customer_full_admin', 'customer_readonly_admin')),
  token_hash text not null unique,
  -- First characters of the token, shown in lists so people can tell tokens apart.
  prefix text not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  check ((role like 'customer_%') = (customer_id is not null))
);
create index api_tokens_partner on api_tokens (partner_id, created_at);

create table locations (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  country char(2) not null,
  address_line1 text check (length(address_line1) <= 50),
  address_line2 text check (length(address_line2) <= 50),
  city text,
  state_or_province text,
  zip_code text,
  time_zone text not null,
  language text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (customer_id, id)
);
-- SPEC §4: names are unique per customer, compared case-insensitively after trimming.
create unique index locations_name on locations (customer_id, lower(btrim(name)));

create table phone_numbers (
  customer_id uuid not null,
  location_id uuid not null,
  e164 text not null check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  created_at timestamptz not null default now(),
  primary key (e164),
  unique (customer_id, location_id, e164),
  foreign key (customer_id, location_id) references locations (customer_id, id) on delete cascade
);
create index phone_numbers_location on phone_numbers (customer_id, location_id, e164);

create table users (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  email text not null,
  first_name text,
  last_name text,
  display_name text,
  title text,
  department text,
  manager text,
  package text,
  attendant_console boolean not null default false,
  basic_messaging boolean not null default false,
  basic_space_meetings boolean not null default false,
  calling_from_webex boolean not null default false,
  jabber_calling boolean,
  jabber_webex_teams boolean,
  preferred_webex_site text,
  preferred_language text,
  time_zone text,
  location_id uuid,
  extension text check (extension ~ '^[0-9]{2,10}$'),
  -- The number is held here, not on phone_numbers: one write per user, and the composite key
  -- guarantees the number is in the inventory of the user's own location and customer.
  phone_number text,
  caller_id_number text,
  caller_id_first_name text,
  caller_id_last_name text,
  status text not null default 'provisioned' check (status in ('provisioned', 'pending_user_migration', 'error')),
  errors jsonb not null default '[]',
  suspended boolean not null default false,
  last_service_accessed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (customer_id, id),
  foreign key (customer_id, location_id) references locations (customer_id, id),
  foreign key (customer_id, location_id, phone_number) references phone_numbers (customer_id, location_id, e164),
  check (phone_number is null or location_id is not null)
);
-- SPEC §5: email is unique across the whole deployment, compared case-insensitively.
create unique index users_email on users (lower(email));
create unique index users_extension on users (customer_id, extension) where extension is not null;
create unique index users_phone_number on users (phone_number) where phone_number is not null;
-- Keyset paging of a customer's users in a stable order (email), and the filters of the list.
create index users_customer_email on users (customer_id, lower(email), id);
create index users_customer_package on users (customer_id, package, lower(email));
create index users_customer_location on users (customer_id, location_id);

-- Append-only: no update or delete, except the GDPR erasure that replaces personal data with a
-- tombstone (it sets hub.audit_erasure for its own transaction).
create table audit_events (
  id bigserial primary key,
  occurred_at timestamptz not null default now(),
  partner_id uuid,
  customer_id uuid,
  actor_type text not null,
  actor_id text,
  actor_label text,
  action text not null,
  target_type text not null,
  target_id text,
  before jsonb,
  after jsonb,
  request_id text,
  job_id uuid
);
create index audit_events_customer on audit_events (customer_id, id desc);
create index audit_events_partner on audit_events (partner_id, id desc);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and coalesce(current_setting('hub.audit_erasure', true), '') = 'on' then
    return new;
  end if;
  raise exception 'audit_events is append-only' using errcode = '42501';
end;
$$;
create trigger audit_events_no_change before update or delete on audit_events
  for each row execute function audit_events_append_only();

-- The job queue: jobs are data (kind, version, validated payload), claimed with FOR UPDATE SKIP
-- LOCKED by any worker; a job whose worker died is taken over when its lock expires. Jobs that
-- share a queue_key (a customer) run strictly one after another in seq order.
create table jobs (
  id uuid primary key default gen_random_uuid(),
  seq bigserial not null unique,
  kind text not null,
  version integer not null default 1,
  payload jsonb not null default '{}',
  queue_key text,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  run_at timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_ready on jobs (status, run_at, seq) where status in ('queued', 'running');
create index jobs_queue_key on jobs (queue_key, seq) where status in ('queued', 'running');

-- Outgoing email: always written here; delivered by SMTP when configured.
create table outbox_emails (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid,
  customer_id uuid,
  to_address text not null,
  template text not null,
  subject text not null,
  body_text text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'stored')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_emails_pending on outbox_emails (created_at) where status = 'pending';
create index outbox_emails_to on outbox_emails (lower(to_address), created_at desc);

-- Single-use tokens for invites, password resets and email verification (hashed).
create table action_tokens (
  token_hash text primary key,
  purpose text not null check (purpose in ('invite', 'password_reset', 'email_verification', 'consent')),
  subject_id uuid not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

-- Deployment-wide values created on the first start (e.g. the secret that signs cookies and links
-- when HUB_SECRET is not configured).
create table deployment_settings (
  key text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
