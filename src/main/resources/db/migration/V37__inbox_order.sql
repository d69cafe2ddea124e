-- The inbox's order in a table of its own (issue 22). Every inbound SMS moves its conversation to
-- the top of the list; while the conversation's own row carried the indexes of that order (the
-- account's list and each admin's), every new version of it cost an entry in each of its five
-- indexes, and PostgreSQL could never update it in place. Here a conversation's place is a narrow
-- row with only the indexes the list reads; the conversation keeps its last activity for reading,
-- unindexed, and both are written in the same statements' transaction.
create table inbox_order (
    conversation_id   bigint primary key references conversation (id) on delete cascade,
    tenant_id         varchar(64) not null,
    assignee_id       varchar(200),
    last_activity_at  timestamp with time zone not null
);
insert into inbox_order (conversation_id, tenant_id, assignee_id, last_activity_at)
    select id, tenant_id, assignee_id, last_activity_at from conversation;
-- The list, newest activity first, with (last_activity_at, conversation_id) as the keyset cursor;
-- and each admin's (or the unassigned) conversations the same way.
create index inbox_order_activity_idx
    on inbox_order (tenant_id, last_activity_at desc, conversation_id desc);
create index inbox_order_assignee_idx
    on inbox_order (tenant_id, assignee_id, last_activity_at desc, conversation_id desc);
drop index conversation_activity_idx;
drop index conversation_assignee_idx;
