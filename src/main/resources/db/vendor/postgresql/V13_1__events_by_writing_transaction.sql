-- Each new event keeps the number of the transaction that writes it (see V13). Cast through text:
-- xid8 has no cast to bigint, and a 64-bit transaction number (epoch and xid) fits one.
-- pg_current_xact_id() needs PostgreSQL 13 or later.
alter table inbox_event alter column tx set default (pg_current_xact_id()::text::bigint);

-- Readers walk the log in (tx, id) order from their position.
create index inbox_event_position_idx on inbox_event (tx, id);
