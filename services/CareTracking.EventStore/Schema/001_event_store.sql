-- CareTracking event store schema. Idempotent: runs at every start-up under an advisory lock.
-- {schema} is replaced by the configured schema name.

create schema if not exists {schema};

create table if not exists {schema}.ct_streams (
    authority    text        not null,   -- LA code: every stream belongs to one authority
    stream_id    text        not null,
    stream_type  text        not null,
    version      bigint      not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (authority, stream_id)
);

-- Global positions come from a sequence, but nextval is only called once the stream's version check
-- and the duplicate check have passed, so a rejected append burns no position. Readers never rely on the
-- sequence being gapless anyway: they follow the transaction-id fence below.
create sequence if not exists {schema}.ct_event_seq;

create table if not exists {schema}.ct_events (
    seq_id          bigint      not null primary key,
    -- The appending transaction's id. The feed delivers in (tx_id, seq_id) order and only below the
    -- oldest transaction still running, so an event committed late by a transaction that began earlier
    -- is never skipped.
    tx_id           xid8        not null default pg_current_xact_id(),
    authority       text        not null,
    stream_id       text        not null,
    version         bigint      not null,
    event_id        uuid        not null,
    event_type      text        not null,   -- explicit, versioned: "placements.child-entered-care.v1"
    data            jsonb       not null,
    effective_date  date        null,       -- when it happened (UK local date)
    recorded_at     timestamptz not null default now(),  -- when the system learnt it
    correlation_id  text        null,
    causation_id    text        null,
    acting_client   text        null,
    unique (authority, stream_id, version),
    unique (authority, event_id)
);
create index if not exists ct_events_feed on {schema}.ct_events (tx_id, seq_id);

create table if not exists {schema}.ct_outbox (
    id            bigint generated always as identity primary key,
    message_id    uuid        not null unique,  -- deterministic from the source event, so a retried append adds nothing
    source        text        not null,         -- the service whose relay sends it
    authority     text        not null,
    transport     text        not null,         -- 'bus' (MassTransit publish) or 'amqp' (plain JSON to an exchange)
    message_type  text        not null,
    destination   text        null,             -- exchange name for 'amqp'
    routing_key   text        null,
    body          jsonb       not null,
    created_at    timestamptz not null default now(),
    tx_id         xid8        not null default pg_current_xact_id(),
    dispatched_at timestamptz null
);
create index if not exists ct_outbox_pending on {schema}.ct_outbox (source, tx_id, id) where dispatched_at is null;
-- A message that cannot be sent is tried MaxAttempts times, then parked with its error (never deleted, never
-- skipped in silence); an operator replays it once the cause is fixed. Added to existing tables, guarded so a
-- restart takes no exclusive lock.
do $ct_outbox_parking$
begin
    if not exists (select 1 from information_schema.columns
                   where table_schema = '{schema}' and table_name = 'ct_outbox' and column_name = 'parked_at') then
        alter table {schema}.ct_outbox
            add column if not exists attempts   int         not null default 0,
            add column if not exists last_error text        null,
            add column if not exists parked_at  timestamptz null;
    end if;
end $ct_outbox_parking$;

create table if not exists {schema}.ct_inbox (
    consumer    text        not null,
    message_id  uuid        not null,
    handled_at  timestamptz not null default now(),
    primary key (consumer, message_id)
);

create table if not exists {schema}.ct_projection_progress (
    name        text        not null primary key,
    tx_id       xid8        not null,
    seq_id      bigint      not null,
    updated_at  timestamptz not null default now()
);

-- One round trip, one transaction: lock (or create) the stream row, answer a retried append with its
-- original result, check the expected version, then take positions and insert. Errors are raised before
-- nextval, so a rejected append writes nothing and burns nothing.
create or replace function {schema}.ct_append(
    p_authority text, p_stream_id text, p_stream_type text, p_expected bigint,
    p_event_ids uuid[], p_types text[], p_data jsonb[], p_effective date[],
    p_correlation text, p_causation text, p_client text)
returns table (new_version bigint, duplicate boolean)
language plpgsql as $$
declare
    v_version bigint;
    v_found   int;
    v_max     bigint;
    v_count   int := coalesce(array_length(p_event_ids, 1), 0);
begin
    if v_count = 0 then
        raise exception 'an append needs at least one event' using errcode = 'CT003';
    end if;

    -- A new stream (the common case for a first post): create it at its final version and insert; nothing
    -- else to check. If the row exists, this waits for any writer holding it, then does nothing.
    insert into {schema}.ct_streams (authority, stream_id, stream_type, version)
    values (p_authority, p_stream_id, p_stream_type, v_count)
    on conflict do nothing;
    if found then
        if p_expected is not null and p_expected <> 0 then
            raise exception 'stream % was expected at version % but is at %', p_stream_id, p_expected, 0
                using errcode = 'CT001';
        end if;
        insert into {schema}.ct_events (seq_id, authority, stream_id, version, event_id, event_type, data,
                                        effective_date, correlation_id, causation_id, acting_client)
        select nextval('{schema}.ct_event_seq'), p_authority, p_stream_id, i, p_event_ids[i],
               p_types[i], p_data[i], p_effective[i], p_correlation, p_causation, p_client
        from generate_subscripts(p_event_ids, 1) as i
        order by i;
        return query select v_count::bigint, false;
        return;
    end if;

    select s.version into v_version
    from {schema}.ct_streams s
    where s.authority = p_authority and s.stream_id = p_stream_id
    for update;

    select count(*), max(e.version) into v_found, v_max
    from {schema}.ct_events e
    where e.authority = p_authority and e.stream_id = p_stream_id and e.event_id = any (p_event_ids);

    if v_found = v_count then
        return query select v_max, true;
        return;
    elsif v_found > 0 then
        raise exception 'some but not all of these event ids were appended before' using errcode = 'CT002';
    end if;

    if p_expected is not null and p_expected <> v_version then
        raise exception 'stream % was expected at version % but is at %', p_stream_id, p_expected, v_version
            using errcode = 'CT001', detail = v_version::text;
    end if;

    insert into {schema}.ct_events (seq_id, authority, stream_id, version, event_id, event_type, data,
                                    effective_date, correlation_id, causation_id, acting_client)
    select nextval('{schema}.ct_event_seq'), p_authority, p_stream_id, v_version + i, p_event_ids[i],
           p_types[i], p_data[i], p_effective[i], p_correlation, p_causation, p_client
    from generate_subscripts(p_event_ids, 1) as i
    order by i;

    update {schema}.ct_streams
    set version = v_version + v_count, updated_at = now()
    where authority = p_authority and stream_id = p_stream_id;

    return query select v_version + v_count, false;
end;
$$;

-- Who read which child's record, and when (special category data: reads are audited).
create table if not exists {schema}.ct_child_read_audit (
    id         bigint generated always as identity primary key,
    read_at    timestamptz not null default now(),
    client     text        not null,
    authority  text        not null,
    child_id   text        not null,
    what       text        not null,
    trace_id   text        null
);
create index if not exists ct_child_read_audit_child on {schema}.ct_child_read_audit (authority, child_id, read_at);

-- Authority isolation, again inside PostgreSQL: a row of child data is visible and writable only in a
-- transaction scoped to its authority (set_config('ct.authority', '831', true)), or on a connection of the
-- system scope ('*', set at connection start-up by DocumentStore.SystemDataSource for the feed, projections
-- and the outbox relay). No scope sees nothing. FORCE makes the owner subject too; only superusers and
-- BYPASSRLS roles escape, and the services do not connect as one. The subselects evaluate the setting once
-- per statement, not once per row. Guarded, because ALTER TABLE takes an exclusive lock at every start-up.
-- The policy itself is AuthorityScope.PolicySql, the one definition shared with the services' read models.
{authority_policies}
