-- A SCIM token carries the authority of the admin who created it, as an API token does (ADR 0069):
-- when that admin is removed, disabled or demoted to a read-only role, the token is revoked with it.
-- `created_by` is only the creator's label for people (an admin's email, `token:<name>` for an API
-- token, `cli:<user>`), not an identity, so the creating admin gets a column of its own. A token
-- created through an API token records the admin who created that API token.
alter table scim_tokens
  add column created_by_admin_id uuid references admin_accounts (id) on delete set null;
create index scim_tokens_created_by_admin on scim_tokens (created_by_admin_id)
  where created_by_admin_id is not null and revoked_at is null;

-- Existing tokens: an admin's email identifies the admin (emails are unique across the deployment,
-- compared case-insensitively). Tokens made through an API token, the CLI or by an admin who is gone
-- stay without one and are never revoked for an admin (ADR 0069 says how to find them).
update scim_tokens t
  set created_by_admin_id = a.id
  from admin_accounts a
  where t.created_by is not null and lower(t.created_by) = lower(a.email);
