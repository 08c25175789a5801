-- GDPR erasure now also replaces the person's email where a directory-sync token names its creator
-- (`scim_tokens.created_by`) and where an import names its uploader (`imports.actor` label). People
-- erased before that still have their email there: find them by the tombstone their erasure left in
-- the partner's audit log (`person.erase`, target 'erased:' + the first 16 hex digits of the
-- SHA-256 of the trimmed, lower-case email: tombstoneOf in src/services/partners/erase-person.ts).
update scim_tokens t
  set created_by = e.target_id
  from customers c, audit_events e
  where c.id = t.customer_id
    and e.partner_id = c.partner_id
    and e.action = 'person.erase'
    and t.created_by is not null
    and e.target_id = 'erased:' || left(encode(sha256(convert_to(lower(btrim(t.created_by)), 'UTF8')), 'hex'), 16);

update imports i
  set actor = jsonb_set(i.actor, '{label}', to_jsonb(e.target_id))
  from audit_events e
  where e.partner_id = i.partner_id
    and e.action = 'person.erase'
    and i.actor ->> 'label' is not null
    and e.target_id = 'erased:' || left(encode(sha256(convert_to(lower(btrim(i.actor ->> 'label')), 'UTF8')), 'hex'), 16);
