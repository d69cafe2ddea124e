-- A remote CRM connector (crm.connector=activecampaign): what the inbox keeps beside the CRM.
-- `crm` names the CRM the ids belong to (its API origin, e.g. https://acme.api-us1.com), so a
-- second CRM, or the same inbox pointed at another one, never mixes ids. Portable between H2 and
-- PostgreSQL.

-- Our contact and the CRM's contact id: found by phone or email, or created, once.
create table crm_contact_link (
    crm         varchar(200) not null,
    contact_id  bigint not null references contact (id) on delete cascade,
    crm_id      varchar(40) not null,
    linked_at   timestamp with time zone not null,
    primary key (crm, contact_id),
    constraint crm_contact_link_crm_id_uk unique (crm, crm_id)
);

-- What the CRM does not record of a change the inbox made: who and through what (a consent record
-- for an SMS list, who enrolled a contact in an automation, when a deal was opened from the inbox).
-- kind: subscribed, unsubscribed (list id), enrolled (automation id), deal (deal id).
create table crm_change_record (
    crm         varchar(200) not null,
    contact_id  bigint not null references contact (id) on delete cascade,
    kind        varchar(20) not null,
    crm_id      varchar(40) not null,
    changed_at  timestamp with time zone not null,
    changed_by  varchar(254),
    source      varchar(40),
    primary key (crm, contact_id, kind, crm_id)
);
