-- CSV import jobs (SPEC §6): the uploaded file (in chunks, so upload and reading stay streaming and
-- every node can read it), the job's state machine and counts, and one result per data row.

create table imports (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references partners (id),
  customer_id uuid not null references customers (id) on delete cascade,
  status text not null default 'queued'
    check (status in ('queued', 'validating', 'validated', 'applying', 'completed', 'completed_with_errors', 'failed', 'cancelled')),
  behaviour text not null check (behaviour in ('add-only', 'add-remove')),
  dry_run boolean not null default false,
  file_name text,
  file_bytes bigint not null default 0,
  locale text not null default 'en',
  -- Who uploaded (audit rows of the apply carry this actor and the import's id).
  actor jsonb not null,
  job_id uuid,
  rows_total integer,
  rows_done integer not null default 0,
  -- Resume point: every row up to this one has been applied in a committed batch.
  applied_through_row integer not null default 0,
  counts jsonb not null default '{"add":0,"modify":0,"remove":0,"unchanged":0,"error":0,"warning":0}',
  -- The header row as uploaded (the error report repeats it after the file is dropped).
  headers jsonb not null default '[]',
  file_warnings jsonb not null default '[]',
  file_error jsonb,
  failure text,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  validated_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index imports_customer on imports (customer_id, created_at desc, id);

create table import_file_chunks (
  import_id uuid not null references imports (id) on delete cascade,
  seq integer not null,
  data bytea not null,
  primary key (import_id, seq)
);

create table import_rows (
  import_id uuid not null references imports (id) on delete cascade,
  row_number integer not null,
  line integer not null,
  email text not null,
  action text not null check (action in ('add', 'modify', 'remove', 'unchanged', 'error')),
  status text not null check (status in ('ok', 'warning', 'error')),
  -- [{code, column, params, severity}] : texts are rendered per request in the reader's language.
  issues jsonb,
  -- Field-level before -> after for modify.
  changes jsonb,
  -- The cells as uploaded, kept for rows in error only (the error report CSV).
  cells jsonb,
  primary key (import_id, row_number)
);
create index import_rows_status on import_rows (import_id, status, row_number);
