-- Accounts (issue 16): one deployment serves many CRM accounts (tenants). Every row of account data
-- names its account in tenant_id, the host CRM's account id as its tokens carry it (the claim
-- AUTH_ACCOUNT_CLAIM). The column is not called account_id because contact.account_id is already
-- the contact panel's "account" (the company a contact works for, table account); inbox_settings
-- keeps its account_id, which always meant the tenant.
--
-- Everything written before this migration belongs to one account, DEFAULT_ACCOUNT (Flyway
-- placeholder defaultAccount, default "default"): no row is lost or left without an account.
-- The columns get no default afterwards, so a statement that forgets the account fails loudly.

-- Sender numbers: a number belongs to one account; inbound SMS find their account through it. The
-- number stays unique across accounts (the carrier link is one).
alter table sender_number add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table sender_number alter column tenant_id drop default;
create index sender_number_tenant_idx on sender_number (tenant_id, number);

-- Contacts: the same phone may be a contact of two accounts, once in each.
alter table contact add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table contact alter column tenant_id drop default;
alter table contact drop constraint contact_phone_uk;
alter table contact add constraint contact_phone_uk unique (tenant_id, phone);

-- Conversations carry their account (that of their contact and number) so the list, its search
-- and the unread badge read one account's rows through an index.
alter table conversation add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table conversation alter column tenant_id drop default;
drop index conversation_activity_idx;
create index conversation_activity_idx
    on conversation (tenant_id, last_activity_at desc, id desc);
-- The badge: the unread conversations of one account, summed through this index (it replaces the
-- sharded unread_counter, which counted every account together).
create index conversation_unread_idx on conversation (tenant_id, unread_count);
drop table unread_counter;

-- Who sent a reply (CONTRACT "Who did what"): the token's sub and name, or the demo user's.
alter table message add column sent_by_id varchar(200);
alter table message add column sent_by_name varchar(200);

-- Credits: one balance per account, changed by a conditional update as before.
create table credit_balance (
    tenant_id  varchar(64) primary key,
    balance    bigint not null
);
insert into credit_balance (tenant_id, balance)
    select '${defaultAccount}', balance from credit_account where id = 1;
drop table credit_account;
alter table credit_entry add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table credit_entry alter column tenant_id drop default;
create index credit_entry_tenant_idx on credit_entry (tenant_id, id);

-- Opt-outs are the account's: STOP to one account's number blocks that account's sends.
create table opt_out_by_account (
    tenant_id     varchar(64) not null,
    phone         varchar(20) not null,   -- E.164
    keyword       varchar(40) not null,
    opted_out_at  timestamp with time zone not null,
    message_id    bigint,
    primary key (tenant_id, phone)
);
insert into opt_out_by_account (tenant_id, phone, keyword, opted_out_at, message_id)
    select '${defaultAccount}', phone, keyword, opted_out_at, message_id from opt_out;
drop table opt_out;
alter table opt_out_by_account rename to opt_out;

-- Live events and integrator events name their account; the stream sends each admin their own.
-- Events of no account (an SMS to a number nobody holds) have none.
alter table inbox_event add column tenant_id varchar(64);
update inbox_event set tenant_id = '${defaultAccount}';

-- The embedded CRM's names are unique within an account.
alter table tag add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table tag alter column tenant_id drop default;
alter table tag drop constraint tag_name_key_uk;
alter table tag add constraint tag_name_key_uk unique (tenant_id, name_key);

alter table account add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table account alter column tenant_id drop default;
alter table account drop constraint account_name_key_uk;
alter table account add constraint account_name_key_uk unique (tenant_id, name_key);

alter table sms_list add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table sms_list alter column tenant_id drop default;
alter table sms_list drop constraint sms_list_name_key_uk;
alter table sms_list add constraint sms_list_name_key_uk unique (tenant_id, name_key);

alter table automation add column tenant_id varchar(64) default '${defaultAccount}' not null;
alter table automation alter column tenant_id drop default;
alter table automation drop constraint automation_name_key_uk;
alter table automation add constraint automation_name_key_uk unique (tenant_id, name_key);

-- The inbox settings were the one account "default"'s: moved, parent first, when DEFAULT_ACCOUNT
-- names another (the statements do nothing when it is "default").
insert into inbox_settings (account_id, draft_reply, conversation_summary, mistakes_acknowledged,
        brand_name, brand_voice, brand_sign_off, words_to_avoid, tone_role, updated_at)
    select '${defaultAccount}', draft_reply, conversation_summary, mistakes_acknowledged,
        brand_name, brand_voice, brand_sign_off, words_to_avoid, tone_role, updated_at
    from inbox_settings where account_id = 'default' and '${defaultAccount}' <> 'default';
update inbox_settings_faq set account_id = '${defaultAccount}' where account_id = 'default';
update inbox_settings_page set account_id = '${defaultAccount}' where account_id = 'default';
delete from inbox_settings where account_id = 'default' and '${defaultAccount}' <> 'default';

-- Who did what: every change made by a person or the CRM, newest first per account.
create table audit_entry (
    id               bigint generated by default as identity primary key,
    tenant_id        varchar(64)  not null,
    at               timestamp with time zone not null,
    actor_id         varchar(200) not null,
    actor_name       varchar(200) not null,
    action           varchar(60)  not null,
    contact_id       bigint,
    conversation_id  bigint,
    detail           varchar(2000) not null
);
create index audit_entry_tenant_idx on audit_entry (tenant_id, id desc);
