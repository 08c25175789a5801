-- The delimiter the upload used (SPEC §6: the error report gives the failed rows "as uploaded").
-- The stored file is deleted once an import is applied, so the report of an applied `;` file could
-- no longer tell it from its headers (already split into cells). Null for imports stored before.
alter table imports add column delimiter text check (delimiter in (',', ';'));
