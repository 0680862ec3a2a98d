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
