-- A trigram index serves "contains" searches (search_text like '%words%') in message text: a
-- search in millions of messages reads only the rows holding the words' trigrams (README, "The
-- inbox at scale"). pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may
-- create it. An extension lives once per database, in one schema: if another schema of this
-- database already has it, its operator class is used from there; otherwise it goes to public
-- (shared by every schema), or to this schema when public is not writable. H2 has no trigram
-- index: there the search reads the account's messages (fine at H2's sizes).
do $$
declare
  home text;
begin
  select n.nspname into home from pg_extension e join pg_namespace n on n.oid = e.extnamespace
   where e.extname = 'pg_trgm';
  if home is null then
    begin
      create extension pg_trgm schema public;
      home := 'public';
    exception when others then
      select n.nspname into home from pg_extension e join pg_namespace n on n.oid = e.extnamespace
       where e.extname = 'pg_trgm';
      if home is null then
        create extension pg_trgm;
        home := current_schema();
      end if;
    end;
  end if;
  execute format(
    'create index message_search_idx on message using gin (search_text %I.gin_trgm_ops)', home);
end
$$;
