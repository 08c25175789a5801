-- The API tokens list pages on the stored (created_at, id), as the imports and SCIM tokens lists
-- do (0019): the cursor carries the time to the microsecond and the id breaks ties, so tokens
-- created in the same instant neither repeat nor go missing between pages. One index per shape
-- of the list, each with (created_at, id) after its equality, serves the page's cursor condition
-- and its order: a partner's tokens, one customer's (a customer admin's own list or a Control Hub
-- page; the partner's condition is then a filter every row passes) and the operator's list of
-- all. The partner index replaces the one without the id.
create index if not exists api_tokens_partner_created on api_tokens (partner_id, created_at, id);
drop index if exists api_tokens_partner;
create index if not exists api_tokens_customer_created on api_tokens (customer_id, created_at, id);
create index if not exists api_tokens_created on api_tokens (created_at, id);
