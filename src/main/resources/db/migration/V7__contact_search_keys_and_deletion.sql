-- Search (F2): names and email are matched by prefix, case- and accent-insensitively, and phone
-- numbers by their last digits; these keys hold the text as it is compared (lower case, accents
-- removed; the phone's digits reversed, so a suffix search is an indexed prefix search). They are
-- written by the application with each contact (and filled for existing contacts at start-up).
alter table contact add column search_first varchar(100);
alter table contact add column search_last varchar(100);
alter table contact add column search_email varchar(254);
alter table contact add column phone_reversed varchar(20);

-- Deletion (F10): a deleted contact keeps its row (the CRM may restore it) but loses its history.
alter table contact add column deleted_at timestamp with time zone;

-- Live events concern a conversation; deleting a contact deletes its events with its messages.
alter table inbox_event add column conversation_id bigint;
create index inbox_event_conversation_idx on inbox_event (conversation_id);
