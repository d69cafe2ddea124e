-- The scheduled sends whose time has come, looked for every few seconds: without an index each look
-- read the whole message table. (H2 has no partial indexes: PostgreSQL's V34 keeps only the
-- scheduled rows in it, and narrows the snoozed conversations' index too.)
create index message_scheduled_idx on message (status, at, id);
