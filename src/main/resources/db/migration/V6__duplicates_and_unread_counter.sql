-- A redelivered inbound SMS (same sender, number and text within a short window) is recognised by
-- its fingerprint and stored once.
alter table message add column fingerprint varchar(64);
create index message_fingerprint_idx on message (fingerprint, at);

-- The unread total for the badge, kept as it changes instead of summed over every conversation.
-- Sixteen shards, so concurrent inbound messages rarely wait for the same row.
create table unread_counter (
    shard   integer primary key,
    unread  bigint not null
);
insert into unread_counter (shard, unread) values (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0),
    (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0), (14, 0), (15, 0);
update unread_counter set unread = (select coalesce(sum(unread_count), 0) from conversation)
    where shard = 0;
