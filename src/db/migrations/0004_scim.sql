-- SCIM 2.0 directory synchronization (SPEC §5, §7): per-customer bearer tokens, the SCIM view of users
-- (userName, externalId and the document as the directory sent it), and groups with their members.

create table scim_tokens (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 200),
  token_hash text not null unique,
  -- First characters of the token, shown in lists so people can tell tokens apart.
  prefix text not null,
  created_by text,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now()
);
create index scim_tokens_customer on scim_tokens (customer_id, created_at);

-- One row for each user that a directory created or updated. A user created elsewhere has none:
-- SCIM then shows its email as userName.
create table scim_users (
  user_id uuid primary key references users (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  user_name text not null check (length(btrim(user_name)) between 1 and 320),
  external_id text,
  -- The canonical SCIM document (no id/meta/password): attributes the product does not model
  -- (addresses, roles, name.formatted…) are returned as given.
  document jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- SPEC §7: userName is unique within the customer (RFC 7643: caseExact false).
create unique index scim_users_user_name on scim_users (customer_id, lower(user_name));
create index scim_users_external_id on scim_users (customer_id, external_id) where external_id is not null;

create table scim_groups (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  display_name text not null check (length(btrim(display_name)) between 1 and 256),
  external_id text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (customer_id, id)
);
create index scim_groups_customer on scim_groups (customer_id, lower(display_name), id);

-- Members are users of the same customer: the composite keys make a cross-customer member impossible.
create table scim_group_members (
  customer_id uuid not null,
  group_id uuid not null,
  user_id uuid not null,
  primary key (group_id, user_id),
  foreign key (customer_id, group_id) references scim_groups (customer_id, id) on delete cascade,
  foreign key (customer_id, user_id) references users (customer_id, id) on delete cascade
);
create index scim_group_members_user on scim_group_members (user_id);
