-- Partner names are unique, ignoring case and surrounding spaces (ADR 0070): `--partner NAME`
-- finds a partner by its name (ADR 0064), and only `partners create` refused a namesake; the API
-- let duplicates in. Namesakes already stored are renamed first, deterministically: in each group
-- the oldest partner (then the lowest id) keeps its name, the others in order of creation get the
-- first free " (2)", " (3)", … suffix. Each rename is audited as a system change of the partner.
do $$
declare
  duplicate record;
  suffix text;
  candidate text;
  n integer;
begin
  for duplicate in
    select id, name, btrim(name) as base
    from (
      select id, name, created_at,
        row_number() over (partition by lower(btrim(name)) order by created_at, id) as position
      from partners
    ) ranked
    where position > 1
    order by lower(btrim(name)), position
  loop
    n := 2;
    loop
      suffix := ' (' || n || ')';
      -- The name check allows 200 characters: a long name gives up its end for the suffix.
      candidate := left(duplicate.base, 200 - length(suffix)) || suffix;
      exit when not exists (select 1 from partners where lower(btrim(name)) = lower(candidate));
      n := n + 1;
    end loop;
    update partners set name = candidate, updated_at = now() where id = duplicate.id;
    insert into audit_events (partner_id, actor_type, actor_label, action, target_type, target_id, before, after)
    values (duplicate.id, 'system', 'migration 0014_unique_partner_names', 'partner.update', 'partner',
      duplicate.id::text, jsonb_build_object('name', duplicate.name), jsonb_build_object('name', candidate));
  end loop;
end
$$;

create unique index partners_name_unique on partners (lower(btrim(name)));
