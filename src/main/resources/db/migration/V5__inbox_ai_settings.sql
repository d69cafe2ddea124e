-- The inbox's AI settings (F11, F12), one row per CRM account, with the frequent questions and the
-- web pages draft replies may use (their text as fetched when the settings were saved).
create table inbox_settings (
    account_id             varchar(64) primary key,
    draft_reply            boolean not null,
    conversation_summary   boolean not null,
    mistakes_acknowledged  boolean not null,
    brand_name             varchar(100),
    brand_voice            varchar(500),
    brand_sign_off         varchar(100),
    words_to_avoid         varchar(3000),   -- one per line
    tone_role              varchar(20) not null,
    updated_at             timestamp with time zone not null
);

create table inbox_settings_faq (
    account_id  varchar(64) not null references inbox_settings (account_id) on delete cascade,
    ordinal     integer not null,
    question    varchar(300) not null,
    answer      varchar(1000) not null,
    primary key (account_id, ordinal)
);

create table inbox_settings_page (
    account_id  varchar(64) not null references inbox_settings (account_id) on delete cascade,
    ordinal     integer not null,
    url         varchar(2000) not null,
    status      varchar(8) not null,        -- FETCHED or FAILED
    detail      varchar(500),
    content     varchar(100000) not null,   -- readable text; empty when FAILED
    fetched_at  timestamp with time zone not null,
    primary key (account_id, ordinal)
);
