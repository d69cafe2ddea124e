-- ActiveCampaign's webhooks back into the inbox (issue 20). ActiveCampaign signs nothing: the
-- secret is in the address it posts to, one random token per account (tenant), which an admin
-- reads in GET /api/settings/crm and pastes into ActiveCampaign; rotating it replaces the row, so
-- the old address stops working at once. The token has to be shown again, so it is kept as is.
create table crm_webhook_token (
    tenant_id   varchar(64) primary key,
    token       varchar(64) not null,
    created_at  timestamp with time zone not null
);
create unique index crm_webhook_token_token_idx on crm_webhook_token (token);

-- Webhooks received, by a digest of their fields: ActiveCampaign delivers "at least once", so a
-- second delivery of the same post is recognised and changes nothing. Kept a week.
create table crm_webhook_receipt (
    tenant_id    varchar(64) not null,
    digest       varchar(64) not null,   -- SHA-256 of the post's fields, hex
    received_at  timestamp with time zone not null,
    primary key (tenant_id, digest)
);
create index crm_webhook_receipt_received_idx on crm_webhook_receipt (tenant_id, received_at);
