-- Events in commit order (issue 18). A reader of inbox_event (the live stream and its replay, each
-- integrator route's cursor) must never pass over an event that commits after one it has read. An
-- identity id alone cannot promise that: a transaction that took id 41 may commit after another
-- one's 42 was read, and a reader going on "after 42" never sees 41.
--
-- tx: the number of the transaction that wrote the event, where the database orders the log by
-- it. On PostgreSQL new events get pg_current_xact_id() (vendor/postgresql/V13_1) and readers go
-- by (tx, id), only below the oldest transaction still under way. On H2 it stays 0: there the
-- transactions that publish take turns, so ids themselves are taken in commit order
-- (vendor/h2/V13_1). Events written before this migration keep 0: older than every new one, in
-- their id order, as readers have read them so far.
alter table inbox_event add column tx bigint default 0 not null;

-- A route's cursor is a position (tx, id) in the log. A cursor kept so far, "after id N", becomes
-- (0, N): the old events after N, then every new one. No route hears an event twice or misses one
-- across the upgrade.
alter table integrator_cursor add column last_event_tx bigint default 0 not null;
