-- On H2 the transactions that publish events take turns (see V13): each takes this row's lock
-- just before it inserts its events, last before its commit, and keeps it until it has committed,
-- so event ids are taken in commit order. turns counts the transactions that published.
create table inbox_event_turn (
    id     integer primary key,
    turns  bigint not null
);
insert into inbox_event_turn (id, turns) values (1, 0);
