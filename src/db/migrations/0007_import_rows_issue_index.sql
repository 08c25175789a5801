-- Row results are read by status only to list the rows with errors or warnings (the error report,
-- `rows?status=error`); ok rows, most of a file, are read in row order through the primary key.
-- Indexing only the others makes storing 100k results cheaper without slowing those lists.
drop index import_rows_status;
create index import_rows_issues on import_rows (import_id, status, row_number) where status <> 'ok';
