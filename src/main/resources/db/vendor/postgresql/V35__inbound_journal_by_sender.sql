-- Several instances file from one journal at once (issue 19): each takes the entries the others have
-- not locked, and holds back an SMS while an earlier one of the same sender is still being filed
-- elsewhere, so one customer's SMS still reach their conversation in the order they arrived. That
-- look is by sender; entries waiting for a retry never hold the others back, so they are left out.
create index inbound_journal_sender_idx on inbound_journal (source_number, id) where retry_at is null;
