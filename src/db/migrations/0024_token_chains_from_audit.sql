-- Tokens created with an API token before 0022/0023 have no creating token recorded, so revoking
-- a token left the tokens minted with it before the upgrade alive (ADR 0085 revokes down the
-- chain only where the chain is recorded). The audit trail has it: every `token.create` and
-- `scim_token.create` made with a token names that token as its actor. Links are filled only where
-- none is recorded and the creating token still exists; nothing is revoked here (ADR 0090). Safe to
-- run again, e.g. after old nodes kept creating tokens during a rolling upgrade (docs/operations.md).
update api_tokens child
  set created_by_token_id = parent.id
  from audit_events e
  join api_tokens parent on parent.id::text = e.actor_id
  where child.created_by_token_id is null
    and e.action = 'token.create'
    and e.actor_type = 'token'
    and e.target_type = 'api_token'
    and e.target_id = child.id::text
    and parent.id <> child.id;

update scim_tokens child
  set created_by_token_id = parent.id
  from audit_events e
  join api_tokens parent on parent.id::text = e.actor_id
  where child.created_by_token_id is null
    and e.action = 'scim_token.create'
    and e.actor_type = 'token'
    and e.target_type = 'scim_token'
    and e.target_id = child.id::text;
