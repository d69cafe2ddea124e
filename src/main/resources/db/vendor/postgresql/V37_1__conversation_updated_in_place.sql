-- With the list's order in inbox_order and the badge's index on the unread flag alone, a filed
-- SMS changes no indexed column of its conversation (the unread flag only on the first unread): so
-- PostgreSQL can write the new version in place, beside the old on the same page (a HOT update: no
-- index entry, the old version pruned on a later visit without vacuum). Room for it on the page:
alter table conversation set (fillfactor = 70);
-- The badge reads the unread conversations through this flag's index: an index of unread_count
-- itself would take an entry for every SMS (the count changes with each).
alter table conversation add column unread boolean generated always as (unread_count > 0) stored;
drop index conversation_unread_idx;
create index conversation_unread_idx on conversation (tenant_id) where unread;
