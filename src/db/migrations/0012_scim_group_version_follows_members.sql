-- A SCIM group's meta.version (ETag) and meta.lastModified must change when its representation
-- does (RFC 7644 §3.14, RFC 7643 §3.1). Its members are users, removed or renamed by any channel
-- (SCIM, API, CSV, customer deletion): removal drops the member row by cascade and a rename changes
-- the member's `display`, neither of which touched the group. Kept by the database so every writer
-- gets it right.
create function scim_groups_touch_for_member() returns trigger language plpgsql as $$
begin
  update scim_groups g
    set version = g.version + 1, updated_at = now()
    where g.id in (select m.group_id from scim_group_members m where m.user_id = old.id);
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end;
$$;

-- Before the delete, while the member rows are still there (the cascade removes them after).
create trigger users_delete_touches_scim_groups before delete on users
  for each row execute function scim_groups_touch_for_member();

-- A member's `display` is the user's display name, else its SCIM userName, else its email.
create trigger users_rename_touches_scim_groups after update of display_name, email on users
  for each row
  when (old.display_name is distinct from new.display_name or old.email is distinct from new.email)
  execute function scim_groups_touch_for_member();

create function scim_groups_touch_for_member_user_name() returns trigger language plpgsql as $$
begin
  update scim_groups g
    set version = g.version + 1, updated_at = now()
    where g.id in (select m.group_id from scim_group_members m where m.user_id = new.user_id);
  return new;
end;
$$;

create trigger scim_users_rename_touches_scim_groups after update of user_name on scim_users
  for each row
  when (old.user_name is distinct from new.user_name)
  execute function scim_groups_touch_for_member_user_name();
