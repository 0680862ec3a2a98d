-- The restricted role the services connect as (see deploy/README.md): it may log in and nothing more, so
-- PostgreSQL's row-level security binds it to one authority per transaction. Idempotent; run by the
-- postgres-roles service at every `docker compose up`, and the same as deploy/local/infra.sh makes.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'caretracking_app') then
        create role caretracking_app login password 'caretracking_app' nosuperuser nobypassrls nocreatedb nocreaterole;
    end if;
    -- Background work (feed, projections, outbox relay): the only role that may see every authority.
    if not exists (select 1 from pg_roles where rolname = 'caretracking_worker') then
        create role caretracking_worker login password 'caretracking_worker' nosuperuser nobypassrls nocreatedb nocreaterole;
    end if;
end $$;
