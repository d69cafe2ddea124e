-- Each CRM account's connector and its settings (GET/PUT /api/settings/crm, issue 20): an account
-- without a row uses the deployment's CRM_CONNECTOR and crm.<id>.* settings. settings is a JSON
-- object of the connector's keys (url, api-token, pipeline …); the secret ones are never returned.
create table crm_settings (
    tenant_id   varchar(64) primary key,
    connector   varchar(40) not null,
    settings    varchar(20000) not null,
    updated_at  timestamp with time zone not null
);
