-- Prefix LIKE can use an index under this database's collation only with the pattern operators.
create index contact_search_first_idx on contact (search_first varchar_pattern_ops);
create index contact_search_last_idx on contact (search_last varchar_pattern_ops);
create index contact_search_email_idx on contact (search_email varchar_pattern_ops);
create index contact_phone_reversed_idx on contact (phone_reversed varchar_pattern_ops);
