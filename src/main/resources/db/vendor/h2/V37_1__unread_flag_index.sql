-- The badge's index reads the unread flag (see the PostgreSQL V37_1); H2 has no partial index.
alter table conversation add column unread boolean generated always as (unread_count > 0);
drop index conversation_unread_idx;
create index conversation_unread_idx on conversation (tenant_id, unread);
