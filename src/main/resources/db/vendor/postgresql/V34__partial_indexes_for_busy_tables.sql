-- Filing updates a conversation's row for every batch of its customer's SMS (activity, unread
-- count), and PostgreSQL adds an entry to each of the conversation's indexes for every such row
-- version. The snoozed conversations' index is only asked for snoozed ones (whose time has come),
-- so it only needs their rows: the others no longer cost an entry each update (issue 22).
drop index conversation_snoozed_idx;
create index conversation_snoozed_idx on conversation (snoozed_until) where status = 'SNOOZED';

-- The scheduled sends whose time has come, looked for every few seconds: without an index of their
-- own each look read the whole message table (a burst of two million SMS made it 60 MB a look).
create index message_scheduled_idx on message (at, id) where status = 'SCHEDULED';
