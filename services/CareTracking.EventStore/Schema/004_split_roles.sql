-- Run instead of 002_app_role.sql when the services use two restricted roles (docs/security.md, "Database roles"):
-- {app_role} for request work (and consumers, which act for the one authority a message names) and
-- {worker_role} for background work over every authority (the feed, projections, the outbox relay and purge).
-- Neither owns a table or may create one; the schema is applied by the migration connection. Idempotent: it
-- runs after every schema application, so tables added since (services' read models) get the same rights.
-- {schema}, {app_role} and {worker_role} are replaced; all are validated identifiers.

-- The request role: reads and appends its authority's rows (row-level security), never rewrites history.
grant usage on schema {schema} to {app_role};
revoke create on schema {schema} from {app_role};
grant select, insert, update, delete on all tables in schema {schema} to {app_role};
-- TRUNCATE is not subject to row-level security: it would empty every authority's rows at once.
revoke truncate on all tables in schema {schema} from {app_role};
-- Events are immutable, the read audit append-only; outbox rows are changed only by the relay, inbox rows removed
-- only by the purge; a stream row is updated by Marten's append (its version), never removed.
revoke update, delete on {schema}.mt_events, {schema}.ct_child_read_audit, {schema}.ct_outbox, {schema}.ct_inbox from {app_role};
revoke delete on {schema}.mt_streams from {app_role};
-- The police disclosure log is written with the alert and then only learns when it was sent (the relay's trigger).
revoke update, delete on {schema}.ct_police_disclosures from {app_role};
-- Child data keys are made on a child's first personal text and erased by the data protection officer's request;
-- never removed (the erased row keeps later text erased). A trigger refuses any update but erasure.
revoke delete on {schema}.ct_child_keys from {app_role};
-- Projection checkpoints are the worker's, and so are the read models only projections write (marked by their
-- comment, AuthorityScope.BackgroundOnlySql): a request reads them, it never writes them.
revoke insert, update, delete on {schema}.ct_projection_progress from {app_role};
do $ct_background_only$
declare
    t text;
begin
    for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = '{schema}' and c.relkind in ('r', 'p')
               and obj_description(c.oid, 'pg_class') like 'ct:background-only%' loop
        execute format('revoke insert, update, delete on %I.%I from {app_role}', '{schema}', t);
    end loop;
end $ct_background_only$;
grant usage, select on all sequences in schema {schema} to {app_role};
revoke update on all sequences in schema {schema} from {app_role};
grant execute on all functions in schema {schema} to {app_role};
-- Except deleting a whole record (005_privacy.sql): the retention rule's function calls it with its owner's rights,
-- the deletion of a record entered in error runs as the owner; a request never does.
revoke execute on function {schema}.ct_delete_child_record(text) from {app_role};

-- The background role: reads events and streams (never writes them), sends and purges the outbox, purges the
-- inbox, keeps checkpoints and read models. It has no right at all on the read audit (it never needs it).
grant usage on schema {schema} to {worker_role};
revoke create on schema {schema} from {worker_role};
grant select, insert, update, delete, truncate on all tables in schema {schema} to {worker_role};
revoke all on {schema}.ct_child_read_audit from {worker_role};
revoke insert, update, delete, truncate on {schema}.mt_events, {schema}.mt_streams from {worker_role};
revoke insert, truncate on {schema}.ct_outbox from {worker_role};
revoke insert, update, truncate on {schema}.ct_inbox from {worker_role};
-- The relay's trigger records when an alert was sent; nothing in the background writes or removes a disclosure.
revoke insert, delete, truncate on {schema}.ct_police_disclosures from {worker_role};
-- Background work never opens personal text: no right at all on the children's data keys.
revoke all on {schema}.ct_child_keys from {worker_role};
grant usage, select on all sequences in schema {schema} to {worker_role};
revoke usage, select, update on sequence {schema}.ct_child_read_audit_id_seq from {worker_role};
