-- Parts of concatenated inbound SMS wait here until the set is complete; they outlive binds and
-- restarts. A set that never completes is filed with what arrived, marked incomplete.
create table inbound_part (
    source_number  varchar(32)  not null,
    dest_number    varchar(32)  not null,
    reference      integer      not null,
    total          integer      not null,
    sequence       integer      not null,
    body           varchar(10000) not null,
    encoding       varchar(8)   not null,
    received_at    timestamp with time zone not null,
    primary key (source_number, dest_number, reference, total, sequence)
);
create index inbound_part_received_idx on inbound_part (received_at);

alter table message add column incomplete boolean default false not null;
