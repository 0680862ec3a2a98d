-- Data-protection tables beside the events (docs/security.md): the lasting log of what was disclosed to the police,
-- and the per-child data keys that erasure destroys. Idempotent; {schema} is replaced. Row-level security per
-- authority comes from DocumentStore's list of child-data tables; the roles' rights from 004_split_roles.sql.

-- Every police alert queued about a child, written in the same transaction as the alert's outbox row. The outbox
-- keeps a sent row only 7 days; this row stays, so a subject-access export can say what the police were told and
-- when for as long as the record is kept. Only what identifies the disclosure: the alert itself went to the force.
create table if not exists {schema}.ct_police_disclosures (
    authority  text        not null,
    alert_id   uuid        not null,  -- the alert's id, which is also its outbox message id
    child_id   text        not null,
    episode_id uuid        not null,
    kind       text        not null,
    force      text        not null,  -- the routing key: the force whose area the child was placed in
    risk_level text        not null,
    queued_at  timestamptz not null default now(),
    sent_at    timestamptz null,      -- copied from the outbox when the broker confirms it
    primary key (authority, alert_id)
);
create index if not exists ct_police_disclosures_child on {schema}.ct_police_disclosures (authority, child_id, queued_at);

-- When the relay marks a police alert sent, the log learns when. A trigger, so the relay (which knows nothing of
-- alerts) stays as it is; it runs as the relay's role, in the relay's transaction.
create or replace function {schema}.ct_police_disclosure_sent() returns trigger language plpgsql as $fn$
begin
    update {schema}.ct_police_disclosures set sent_at = new.dispatched_at
    where authority = new.authority and alert_id = new.message_id and sent_at is null;
    return null;
end $fn$;
do $ct_disclosure_trigger$
begin
    if not exists (select 1 from pg_trigger where tgname = 'ct_police_disclosure_sent'
                   and tgrelid = '{schema}.ct_outbox'::regclass) then
        create trigger ct_police_disclosure_sent after update of dispatched_at on {schema}.ct_outbox
            for each row when (new.message_type = 'police.missing-alert.v1' and new.dispatched_at is not null and old.dispatched_at is null)
            execute function {schema}.ct_police_disclosure_sent();
    end if;
end $ct_disclosure_trigger$;

-- One data key per child of an authority (crypto-shredding, docs/security.md "Erasure"): the personal free text of
-- the child's events is sealed with it (AES-256-GCM), and erasure destroys it, which makes that text unreadable in
-- every copy of the events (backups, replicas, the feed). The key is stored wrapped by the services' master key,
-- which is never in the database, bound to its authority, child and id, so a row copied elsewhere opens nothing.
-- An erased row stays (wrapped_key null) so that text written for the child later is erased at once too.
create table if not exists {schema}.ct_child_keys (
    authority   text        not null,
    child_id    text        not null,
    key_id      uuid        not null unique,
    wrapped_key bytea       null,
    created_at  timestamptz not null default now(),
    erased_at   timestamptz null,
    erased_by   text        null,
    primary key (authority, child_id)
);
-- Indicators counts an authority's erased keys on every committee query (ProjectedEvents: a new erasure must
-- reload the authority's events); erasures are few, so this index answers from a handful of rows.
create index if not exists ct_child_keys_erased on {schema}.ct_child_keys (authority) where erased_at is not null;
-- A key is never replaced, moved or restored: the only change allowed is its erasure, and, by the tables' owner (the
-- migration role) alone, the same key wrapped again under a new master key (ChildDataKeys.RewrapAllAsync).
create or replace function {schema}.ct_child_key_only_erased() returns trigger language plpgsql as $fn$
declare
    rewrapping boolean := old.wrapped_key is not null and new.wrapped_key is not null and old.erased_at is null
        and pg_has_role(current_user, (select relowner from pg_class where oid = tg_relid), 'MEMBER');
begin
    if new.authority <> old.authority or new.child_id <> old.child_id or new.key_id <> old.key_id
       or (new.wrapped_key is not null and (old.wrapped_key is null or new.wrapped_key <> old.wrapped_key) and not rewrapping)
       or (old.erased_at is not null and new.erased_at is distinct from old.erased_at) then
        raise exception 'a child data key can only be erased' using errcode = '42501';
    end if;
    return new;
end $fn$;
do $ct_child_key_trigger$
begin
    if not exists (select 1 from pg_trigger where tgname = 'ct_child_key_only_erased'
                   and tgrelid = '{schema}.ct_child_keys'::regclass) then
        create trigger ct_child_key_only_erased before update on {schema}.ct_child_keys
            for each row execute function {schema}.ct_child_key_only_erased();
    end if;
end $ct_child_key_trigger$;

-- Row-level security per authority on both tables, as on every table of child data (DocumentStore fills this in).
{privacy_policies}

-- A child's whole record deleted (docs/security.md, "Retention" and "Deleting a record entered in error"), for the
-- transaction's authority, once the child's data key is erased: every service's streams of the child (Placements'
-- own, 'missing:', 'reviews:', 'health:', 'leavingcare:', and the episodes reported for the child) with their events,
-- the read-model rows built from them, the police disclosure log and any outbox row still naming the child. Kept: the
-- erased key row (text written for the child later is stored erased) and the read audit (who read the record, kept
-- under its own rule). Returns the number of events deleted; 0 when there is nothing (left) to delete. It runs with
-- its caller's rights and no service role may execute it (nor delete events): two callers, the retention rule below
-- (with its owner's rights, after checking the age) and the deletion of a record entered in error
-- (tools/CareTracking.RecordDeletion, on the migration connection).
create or replace function {schema}.ct_delete_child_record(p_child text) returns bigint
language plpgsql set search_path = pg_catalog, pg_temp as $fn$
declare
    a text := current_setting('ct.authority', true);
    episodes text[];
    streams text[];
    deleted bigint;
    copied bigint;
begin
    if a is null or a = '' or a = '*' then
        raise exception 'deleting a record needs one authority' using errcode = '42501';
    end if;
    if not exists (select 1 from {schema}.ct_child_keys where authority = a and child_id = p_child and wrapped_key is null) then
        raise exception 'the child''s data key must be erased first' using errcode = '42501';
    end if;
    episodes := array(select distinct substr(stream_id, 9) from {schema}.mt_events
                      where tenant_id = a and stream_id like 'episode:%' and data->>'childId' = p_child);
    streams := array[p_child, 'missing:' || p_child, 'reviews:' || p_child, 'health:' || p_child, 'leavingcare:' || p_child]
               || array(select 'episode:' || e from unnest(episodes) e);
    delete from {schema}.mt_events where tenant_id = a and stream_id = any(streams);
    get diagnostics deleted = row_count;
    delete from {schema}.mt_streams where tenant_id = a and id = any(streams);
    delete from {schema}.ct_police_disclosures where authority = a and child_id = p_child;
    delete from {schema}.ct_outbox where authority = a and (body->>'childId' = p_child or body->>'episodeId' = any(episodes));
    -- The services' read models, where this database has them (each service makes its own at its first start).
    if to_regclass('{schema}.ind_events') is not null then
        execute 'delete from {schema}.ind_events where authority = $1 and (child_id = $2 or episode_id::text = any($3))'
            using a, p_child, episodes;
        get diagnostics copied = row_count;
        -- Indicators reloads an authority's events when this count moves (ProjectedEvents).
        execute 'update {schema}.ind_authorities set events = events - $2 where authority = $1' using a, copied;
    end if;
    if to_regclass('{schema}.rev_children') is not null then
        execute 'delete from {schema}.rev_children where authority = $1 and child_id = $2' using a, p_child;
    end if;
    if to_regclass('{schema}.hlt_children') is not null then
        execute 'delete from {schema}.hlt_children where authority = $1 and child_id = $2' using a, p_child;
    end if;
    if to_regclass('{schema}.lvc_care_leavers') is not null then
        execute 'delete from {schema}.lvc_care_leavers where authority = $1 and child_id = $2' using a, p_child;
    end if;
    return deleted;
end $fn$;
revoke all on function {schema}.ct_delete_child_record(text) from public;

-- Retention carried out (docs/security.md, "Retention"): at the 75th birthday the child's whole record is deleted,
-- not only its key destroyed, so what erasure leaves (ids, dates of birth, codes) goes too. The services' request
-- role may not delete events or streams; this function, run with its owner's (the migration role's) rights, deletes
-- (ct_delete_child_record, above) only a child whose own record says it is past retention (the latest date of birth
-- Placements recorded, plus p_years) and whose data key is already erased: no caller can reach another child with it.
create or replace function {schema}.ct_delete_past_retention(p_child text, p_years int) returns bigint
language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
declare
    a text := current_setting('ct.authority', true);
    born date;
begin
    if a is null or a = '' or a = '*' then
        raise exception 'retention deletion needs one authority' using errcode = '42501';
    end if;
    select (data->'child'->>'dateOfBirth')::date into born from {schema}.mt_events
    where tenant_id = a and stream_id = p_child and data->'child'->>'dateOfBirth' is not null
    order by seq_id desc limit 1;
    if born is null then
        return 0;
    end if;
    if (born + make_interval(years => p_years))::date > (now() at time zone 'utc')::date or p_years < 75 then
        raise exception 'the record is not past retention' using errcode = '42501';
    end if;
    return {schema}.ct_delete_child_record(p_child);
end $fn$;
revoke all on function {schema}.ct_delete_past_retention(text, int) from public;
