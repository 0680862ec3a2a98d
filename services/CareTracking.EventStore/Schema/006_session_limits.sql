-- The services' own roles (request work, background work) may not sit idle inside a transaction: such a session
-- keeps its row locks, and its transaction id holds back the feed's fence for every projection on the server
-- (docs/reliability.md, item 7). The server ends a session left idle in a transaction for longer than
-- {idle_in_transaction} ms. Set per role in this database, only where not set to that already, so a restart writes
-- nothing; the schema lock serialises concurrent starts. The leaders' unpooled connections set their own on
-- connect, and a session advisory lock held between transactions is not affected. Superusers (an operator, the
-- migration role) are left alone. {roles} is a list of SQL string literals.
do $ct_session_limits$
declare
    r record;
    wanted text := 'idle_in_transaction_session_timeout={idle_in_transaction}';
begin
    for r in select rolname, oid from pg_roles where rolname = any(array[{roles}]::text[]) and not rolsuper loop
        if not exists (select 1 from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
                       where d.datname = current_database() and s.setrole = r.oid and wanted = any(s.setconfig)) then
            begin
                execute format('alter role %I in database %I set idle_in_transaction_session_timeout = %L',
                    r.rolname, current_database(), '{idle_in_transaction}');
            exception when insufficient_privilege then
                -- A migration role without the right to alter the services' roles: the server's own setting applies.
                raise warning 'cannot set idle_in_transaction_session_timeout for role %: %', r.rolname, sqlerrm;
            end;
        end if;
    end loop;
end $ct_session_limits$;
