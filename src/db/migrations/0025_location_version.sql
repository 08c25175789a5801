-- A location's version (ADR 0092): the admin API's location ETag is `W/"<version>"` and a PATCH with
-- an If-Match naming an older version is refused (412). Every UPDATE of a location moves it
-- (repositories/locations.ts updateLocationRow, the only writer). Existing rows start at 1.
alter table locations add column if not exists version integer not null default 1;
