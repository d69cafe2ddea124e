-- Search in message text (issue 21). Each message keeps its text as search compares it: lower
-- case without accents (SearchKeys.text, the same key the contacts' names keep), so "perche" finds
-- "Perché". New messages get it from the application; the messages already stored get it here,
-- with the accents SQL can take off alike in H2 and PostgreSQL (translate is in both).
alter table message add column search_text varchar(100000);
update message set search_text = translate(lower(body),
    'ÀÁÂÃÄÅĀĂĄÈÉÊËĒĖĘĚÌÍÎÏĪÒÓÔÕÖŌŐÙÚÛÜŪŮŰÝŸÇĆČÑŃŠŚŽŹŻŘĞŞàáâãäåāăąèéêëēėęěìíîïīòóôõöōőùúûüūůűýÿçćčñńšśžźżřğş',
    'aaaaaaaaaeeeeeeeeiiiiiooooooouuuuuuuyycccnnsszzzrgsaaaaaaaaaeeeeeeeeiiiiiooooooouuuuuuuyycccnnsszzzrgs');

-- A scheduled reply an admin confirmed inside the customer's quiet hours: when the outbox releases
-- it, quiet hours are not checked again (every other scheduled message is, see DispatchOutbox).
alter table message add column quiet_hours_waived boolean default false not null;

-- The internal notes go into the AI summary's input only when the account's admin chooses so.
alter table inbox_settings add column summary_includes_notes boolean default false not null;
