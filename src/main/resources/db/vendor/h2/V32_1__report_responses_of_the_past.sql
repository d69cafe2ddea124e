-- Reports (V32): every first response of the history, so working time can be counted from them.
-- First responses, as V28_1 counted them: a person's reply (origin INBOX with sentBy) answers the inbound messages since
-- the previous such reply; it waited from the first of them. k numbers the replies of a
-- conversation, so the inbound messages a reply answers are those with k one lower.
insert into report_response (tenant_id, sender_number_id, admin_id, since_at, replied_at)
with t as (
    select m.id, m.conversation_id, m.direction, m.at, m.sent_by_id,
           sum(case when m.direction = 'OUTBOUND' then 1 else 0 end)
               over (partition by m.conversation_id order by m.id) as k
    from message m
    where m.direction = 'INBOUND'
       or (m.direction = 'OUTBOUND' and m.origin_type = 'INBOX' and m.sent_by_id is not null)),
waits as (
    select conversation_id, k, min(at) as since from t where direction = 'INBOUND'
    group by conversation_id, k)
select c.tenant_id, c.sender_number_id, r.sent_by_id, w.since, r.at
from t r join waits w on w.conversation_id = r.conversation_id and w.k = r.k - 1
     join conversation c on c.id = r.conversation_id
where r.direction = 'OUTBOUND';
