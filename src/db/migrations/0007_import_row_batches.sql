-- Row results are stored per batch, one JSON document of the batch's rows, instead of one table row
-- per CSV row: a 100k-row import wrote 100k result rows and their index entries twice (dry run and
-- apply), a fifth of the apply's database work. Readers page through batches and unpack them;
-- the counts per status let the error report skip batches without errors.
create table import_row_batches (
  import_id uuid not null references imports (id) on delete cascade,
  first_row integer not null,
  last_row integer not null,
  row_count integer not null,
  error_rows integer not null,
  warning_rows integer not null,
  -- [[row_number, line, email, action, status, issues, changes, cells], ...] in row order:
  -- issues [{code, column, params, severity}] (texts rendered per request in the reader's
  -- language), changes [{field, before, after}] for modify, cells (as uploaded) for error rows.
  -- json, not jsonb: stored and read whole, never queried inside.
  rows json not null,
  primary key (import_id, first_row)
);

insert into import_row_batches (import_id, first_row, last_row, row_count, error_rows, warning_rows, rows)
select import_id, min(row_number), max(row_number), count(*),
  count(*) filter (where status = 'error'), count(*) filter (where status = 'warning'),
  json_agg(json_build_array(row_number, line, email, action, status, issues, changes, cells) order by row_number)
from import_rows
group by import_id, (row_number - 2) / 1000;

drop table import_rows;
