-- The users list searches by prefix of email, first name or last name (SPEC §11: a page of a
-- 100k-user customer well under 20 ms). text_pattern_ops lets LIKE 'term%' use the index under
-- any collation; a contains-match ('%term%') would scan every user of the customer.
create index users_search_email on users (customer_id, lower(email) text_pattern_ops);
create index users_search_first_name on users (customer_id, lower(first_name) text_pattern_ops);
create index users_search_last_name on users (customer_id, lower(last_name) text_pattern_ops);
