-- A message the carrier refuses for now (ESME_RTHROTTLED, a full queue) waits on its own until
-- next_attempt_at instead of holding up the whole outbox; later messages of its conversation wait
-- behind it so a customer still reads our replies in order. attempts sets the length of its wait.
alter table message add column next_attempt_at timestamp with time zone;
alter table message add column attempts integer not null default 0;
