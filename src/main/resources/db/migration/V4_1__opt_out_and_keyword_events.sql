-- Opt-out keywords (STOP …): the numbers that must receive nothing until they text START, and the
-- inbound messages marked as the keyword they were. Kept by number, without a link to contact, so
-- deleting a contact never lifts an opt-out.
create table opt_out (
    phone         varchar(20) not null primary key,   -- E.164
    keyword       varchar(40) not null,
    opted_out_at  timestamp with time zone not null,
    message_id    bigint
);

-- OPT_OUT, OPT_IN or HELP on the inbound message that was the keyword; null otherwise.
alter table message add column keyword_event varchar(8);
