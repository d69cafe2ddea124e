-- The campaign or automated SMS a customer's reply answers is the latest one sent in the
-- conversation: kept on the conversation when it is sent, so filing a reply reads it with the
-- conversation instead of searching the messages. (No foreign key: a dangling id only means no
-- attribution, and every reply would otherwise pay for the check.)
alter table conversation add column attributable_message_id bigint;
update conversation set attributable_message_id = (
    select max(m.id) from message m
    where m.conversation_id = conversation.id and m.direction = 'OUTBOUND'
      and m.origin_type in ('CAMPAIGN', 'AUTOMATION'));
