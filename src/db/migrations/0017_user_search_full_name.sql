-- The users list's search also finds a person by the name the list shows: the display name, or
-- first and last name together ("Bram Jansen", "Jan de Vries"). Prefix indexes as in 0006, so a
-- search in a 100k-user customer still combines index scans instead of reading every user.
create index users_search_display_name on users (customer_id, lower(display_name) text_pattern_ops);
create index users_search_full_name on users (customer_id, lower(first_name || ' ' || last_name) text_pattern_ops);
