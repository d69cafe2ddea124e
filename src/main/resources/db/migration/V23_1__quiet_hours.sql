-- Quiet hours per account (issue 21): local times of the customer between which automatic and CRM
-- sends are held. No row: 21:00-08:00, on.
create table quiet_hours (
    tenant_id   varchar(64) primary key,
    enabled     boolean     not null,
    starts_at   varchar(5)  not null,
    ends_at     varchar(5)  not null,
    updated_at  timestamp with time zone not null
);
