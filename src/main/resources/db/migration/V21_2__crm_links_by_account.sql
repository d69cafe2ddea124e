-- Accounts (issue 16) for the remote CRM's links: each row names the account of its contact, and a
-- CRM id is linked once per account, so two accounts of ours may each know the same person of a
-- CRM they share.
alter table crm_contact_link add column tenant_id varchar(64);
update crm_contact_link set tenant_id = (select c.tenant_id from contact c where c.id = contact_id);
alter table crm_contact_link alter column tenant_id set not null;
alter table crm_contact_link drop constraint crm_contact_link_crm_id_uk;
alter table crm_contact_link add constraint crm_contact_link_crm_id_uk unique (tenant_id, crm, crm_id);

alter table crm_change_record add column tenant_id varchar(64);
update crm_change_record set tenant_id = (select c.tenant_id from contact c where c.id = contact_id);
alter table crm_change_record alter column tenant_id set not null;
