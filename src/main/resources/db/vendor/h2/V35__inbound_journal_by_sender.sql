-- PostgreSQL's V35 indexes the journal by sender for instances that file side by side (issue 19).
-- H2 runs one instance, whose one filer takes the journal in order; the same index keeps the two
-- schemas alike (H2 has no partial indexes).
create index inbound_journal_sender_idx on inbound_journal (source_number, id);
