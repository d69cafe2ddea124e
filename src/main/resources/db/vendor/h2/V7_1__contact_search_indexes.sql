create index contact_search_first_idx on contact (search_first);
create index contact_search_last_idx on contact (search_last);
create index contact_search_email_idx on contact (search_email);
create index contact_phone_reversed_idx on contact (phone_reversed);
