-- A delivery receipt and the recording of the SMSC id it reports on meet here (issue 24): both
-- lock the slots of every spelling of their SMSC id (hashed into 256 slots) before they look for
-- each other, so whichever commits second sees what the first wrote. Without it a receipt parked
-- while the recording's transaction was still open was never looked at again.
create table receipt_meeting_slot (
    slot  integer not null primary key
);
insert into receipt_meeting_slot (slot)
with recursive n (slot) as (select 0 union all select slot + 1 from n where slot < 255)
select slot from n;
