-- The imports and SCIM tokens lists page on the stored (created_at, id) (a cursor carries the
-- time to the microsecond): an index with those columns after the customer, in one direction,
-- serves the page's filter and its order (read backwards for newest first), so a page reads its
-- rows in order and sorts nothing. The indexes they replace had the id missing (scim_tokens) or
-- in the other direction (imports: created_at desc, id asc, which cannot give id desc).
create index if not exists imports_customer_created on imports (customer_id, created_at, id);
drop index if exists imports_customer;
create index if not exists scim_tokens_customer_created on scim_tokens (customer_id, created_at, id);
drop index if exists scim_tokens_customer;
