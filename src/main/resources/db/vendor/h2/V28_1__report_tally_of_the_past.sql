-- Reports (V28): the tally of everything that happened before it, so the first report after the
-- upgrade shows the account's history too. The same counting as ReportTally does from now on;
-- only the slot arithmetic is this database's own (H2's epoch and dateadd).
insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, '', 'inbound', '', count(*)
from message m join conversation c on c.id = m.conversation_id
where m.direction = 'INBOUND'
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id;

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''), 'outbound', '',
       count(*)
from message m join conversation c on c.id = m.conversation_id
where m.direction = 'OUTBOUND' and m.status not in ('SCHEDULED', 'CANCELLED')
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, '');

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.status_at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''),
       case m.status when 'DELIVERED' then 'delivered' when 'EXPIRED' then 'expired'
            else 'failed' end, '', count(*)
from message m join conversation c on c.id = m.conversation_id
where m.direction = 'OUTBOUND' and m.status in ('DELIVERED', 'FAILED', 'REJECTED', 'EXPIRED')
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.status_at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''),
         case m.status when 'DELIVERED' then 'delivered' when 'EXPIRED' then 'expired'
              else 'failed' end;

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.status_at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''), 'error',
       m.error, count(*)
from message m join conversation c on c.id = m.conversation_id
where m.direction = 'OUTBOUND' and m.status in ('FAILED', 'REJECTED', 'EXPIRED')
  and m.error is not null
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.status_at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''), m.error;

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, '', lower(m.keyword_event), '', count(*)
from message m join conversation c on c.id = m.conversation_id
where m.direction = 'INBOUND' and m.keyword_event in ('OPT_OUT', 'OPT_IN')
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, lower(m.keyword_event);

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from e.created_at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''),
       'credits', '', -sum(e.delta)
from credit_entry e join message m on m.id = e.message_id
     join conversation c on c.id = m.conversation_id
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from e.created_at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, '');

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''), 'origin_sent',
       (m.origin_type || char(9) || coalesce(m.origin_id, '') || char(9) || coalesce(m.origin_name, '')), count(*)
from message m join conversation c on c.id = m.conversation_id
where m.direction = 'OUTBOUND' and m.origin_type in ('CAMPAIGN', 'AUTOMATION')
  and m.status not in ('SCHEDULED', 'CANCELLED')
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from m.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, coalesce(m.sent_by_id, ''), (m.origin_type || char(9) || coalesce(m.origin_id, '') || char(9) || coalesce(m.origin_name, ''));

insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from i.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, '', 'origin_reply', (m.origin_type || char(9) || coalesce(m.origin_id, '') || char(9) || coalesce(m.origin_name, '')), count(*)
from message i join message m on m.id = i.in_reply_to_id
     join conversation c on c.id = i.conversation_id
where i.direction = 'INBOUND' and m.origin_type in ('CAMPAIGN', 'AUTOMATION')
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from i.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, (m.origin_type || char(9) || coalesce(m.origin_id, '') || char(9) || coalesce(m.origin_name, ''));

-- First responses: a person's reply (origin INBOX with sentBy) answers the inbound messages since
-- the previous such reply; it waited from the first of them. k numbers the replies of a
-- conversation, so the inbound messages a reply answers are those with k one lower.
insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n)
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
select c.tenant_id, dateadd(second, cast(floor(extract(epoch from r.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, r.sent_by_id, 'first_response',
       cast(cast(floor(extract(epoch from r.at) - extract(epoch from w.since)) as bigint) as varchar), count(*)
from t r join waits w on w.conversation_id = r.conversation_id and w.k = r.k - 1
     join conversation c on c.id = r.conversation_id
where r.direction = 'OUTBOUND'
group by c.tenant_id, dateadd(second, cast(floor(extract(epoch from r.at) / 900) * 900 as bigint), timestamp with time zone '1970-01-01 00:00:00+00'), c.sender_number_id, r.sent_by_id, cast(cast(floor(extract(epoch from r.at) - extract(epoch from w.since)) as bigint) as varchar);

-- Conversations waiting now: since their first inbound message after a person's last reply.
update conversation set awaiting_since = (
    select min(i.at) from message i
    where i.conversation_id = conversation.id and i.direction = 'INBOUND'
      and i.id > coalesce((select max(r.id) from message r
                           where r.conversation_id = conversation.id
                             and r.direction = 'OUTBOUND' and r.origin_type = 'INBOX'
                             and r.sent_by_id is not null), 0));
