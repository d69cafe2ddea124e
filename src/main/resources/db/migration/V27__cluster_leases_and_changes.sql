-- Several inbox instances on one database (issue 19).

-- Each integrator route is delivered to by one instance at a time: the holder of the route's lease,
-- which renews it while it delivers. An instance that dies stops renewing, and once the lease has
-- run out another instance takes the route over from its cursor (the events in flight are
-- delivered again: at least once, as after a restart).
alter table integrator_cursor add column lease_holder varchar(200);
alter table integrator_cursor add column lease_until timestamp with time zone;

-- What each instance keeps in memory per account (sender numbers, settings, the CRM connector made
-- from them, the AI grounding index) has a version here, raised in the transaction that changes
-- it. Every instance is told at once on PostgreSQL (NOTIFY) and also compares the recent versions
-- now and again, so a change made on one instance takes effect on all within a bounded time.
create table account_change (
    tenant_id   varchar(64) not null,
    kind        varchar(40) not null,
    version     bigint not null,
    changed_at  timestamp with time zone not null,
    primary key (tenant_id, kind)
);

create index account_change_recent on account_change (changed_at);
