-- An API token created with another API token records that token (ADR 0085), so revoking a token
-- revokes the tokens minted with it, and theirs. Tokens created before this migration have no
-- parent recorded (null), as do tokens created in a session. Tokens go with their customer (on
-- delete cascade); a child outliving a deleted parent keeps its own revocation state. The key is
-- checked at commit: `hub migrate-to` copies a table in batches in one transaction, in storage
-- order, which can put a child before its parent. The partial index serves the walk down a chain.
alter table api_tokens
  add column if not exists created_by_token_id uuid
    references api_tokens (id) on delete set null deferrable initially deferred;
create index if not exists api_tokens_created_by_token on api_tokens (created_by_token_id)
  where created_by_token_id is not null;
