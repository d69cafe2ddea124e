-- Most messages are never QUEUED and outbound ones have no fingerprint: partial indexes keep those
-- rows out, so storing an inbound SMS maintains two indexes fewer entries' worth of work. (H2 has
-- no partial indexes and keeps the full ones from V1 and V6.)
drop index message_status_idx;
create index message_outbox_idx on message (id) where status = 'QUEUED';
drop index message_fingerprint_idx;
create index message_fingerprint_idx on message (fingerprint, at) where fingerprint is not null;
