-- CareTracking event store schema: the tables beside Marten's (003_marten_events.sql holds the events).
-- Idempotent: runs at every start-up under an advisory lock. {schema} is replaced by the configured schema name.

create schema if not exists {schema};

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
-- The W3C traceparent of the span that appended the message, so the relay's publish continues that trace
-- (docs/telemetry.md). Guarded like the parking columns above.
do $ct_outbox_trace$
begin
    if not exists (select 1 from information_schema.columns
                   where table_schema = '{schema}' and table_name = 'ct_outbox' and column_name = 'traceparent') then
        alter table {schema}.ct_outbox add column if not exists traceparent text null;
    end if;
end $ct_outbox_trace$;

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
-- The person behind the client (the token's act.sub or sub); the client alone does not say who read.
alter table {schema}.ct_child_read_audit add column if not exists end_user text null;
create index if not exists ct_child_read_audit_user on {schema}.ct_child_read_audit (authority, end_user, read_at);
