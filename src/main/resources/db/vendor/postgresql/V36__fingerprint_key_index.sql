-- Redeliveries are found by fingerprint (64 hex digits of SHA-256), one probe of this index for
-- every SMS filed. Indexed as text, an entry was some 90 bytes at a random place: the index grew to
-- four times the size of the one below, every SMS dirtied a page of it that was rarely in memory,
-- and each entry was compared as text (issue 22: about 6 µs an SMS of PostgreSQL's CPU to maintain
-- it, more to probe it). A 64-bit hash of the fingerprint finds the same rows; the probe still
-- compares the whole fingerprint on the row, so two fingerprints sharing a hash stay apart.
drop index message_fingerprint_idx;
create index message_fingerprint_idx on message (hashtextextended(fingerprint, 0), at)
    where fingerprint is not null;
-- The planner keeps no statistics of a partial index's expression: without these it guesses that
-- a hash matches thousands of rows and sorts them. (Expression statistics need PostgreSQL 14.)
do $$
begin
  if current_setting('server_version_num')::int >= 140000 then
    create statistics message_fingerprint_key_stats on (hashtextextended(fingerprint, 0))
        from message;
  end if;
end
$$;
