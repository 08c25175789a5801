-- A SCIM token created with an API token records that token (ADR 0085), so revoking the API token,
-- or one above it in its chain, revokes the SCIM token too. Tokens created before this migration,
-- in a session or by the CLI have none recorded (null). A SCIM token outliving a deleted API token
-- keeps its own revocation state. The key is checked at commit: `hub migrate-to` copies tables in
-- batches in one transaction, and may copy scim_tokens before api_tokens. The partial index serves
-- the revocation's lookup by creating token.
alter table scim_tokens
  add column if not exists created_by_token_id uuid
    references api_tokens (id) on delete set null deferrable initially deferred;
create index if not exists scim_tokens_created_by_token on scim_tokens (created_by_token_id)
  where created_by_token_id is not null;
