-- Marten's event store tables, as Marten 9.62 generates them for this configuration (conjoined tenancy with the
-- authority as tenant id, string stream keys, Quick append, correlation, causation and headers metadata; see
-- MartenEvents.Build): generated once with IMartenStorage.ToDatabaseScript() and kept here, made idempotent
-- (IF NOT EXISTS), because the services run Marten with AutoCreate.None: our migration path applies this under
-- the schema lock, on the privileged migration connection when one is configured, so the services' restricted
-- role needs no DDL rights. The async daemon's tables are left out: our own projection runner reads mt_events.
-- Regenerate after a Marten upgrade that changes these objects, and keep the additions at the end.

CREATE TABLE IF NOT EXISTS "{schema}".mt_streams (
    tenant_id            varchar        NOT NULL DEFAULT '*DEFAULT*',
    id                   varchar        NOT NULL,
    type                 varchar        NULL,
    version              bigint         NULL,
    timestamp            timestamptz    NOT NULL DEFAULT (now()),
    created              timestamptz    NOT NULL DEFAULT (now()),
    compacted_version    bigint         NOT NULL DEFAULT 0,
    is_archived          bool           NULL DEFAULT FALSE,
CONSTRAINT pkey_mt_streams_tenant_id_id PRIMARY KEY (tenant_id, id)
);
CREATE TABLE IF NOT EXISTS "{schema}".mt_events (
    seq_id            bigint                      NOT NULL,
    id                uuid                        NOT NULL,
    stream_id         varchar                     NULL,
    version           bigint                      NOT NULL,
    data              jsonb                       NOT NULL,
    bdata             bytea                       NULL,
    type              varchar(500)                NOT NULL,
    timestamp         timestamp with time zone    NOT NULL DEFAULT (now()),
    tenant_id         varchar                     NULL DEFAULT '*DEFAULT*',
    mt_dotnet_type    varchar                     NULL,
    correlation_id    varchar                     NULL,
    causation_id      varchar                     NULL,
    headers           jsonb                       NULL,
    is_archived       bool                        NULL DEFAULT FALSE,
CONSTRAINT pkey_mt_events_seq_id PRIMARY KEY (seq_id)
);

DO $do$
BEGIN
ALTER TABLE "{schema}".mt_events
ADD CONSTRAINT fkey_mt_events_stream_id_tenant_id FOREIGN KEY(tenant_id, stream_id)
REFERENCES "{schema}".mt_streams(tenant_id, id);
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$do$;

CREATE UNIQUE INDEX IF NOT EXISTS pk_mt_events_stream_and_version ON "{schema}".mt_events USING btree (tenant_id, stream_id, version);
CREATE SEQUENCE IF NOT EXISTS "{schema}".mt_events_sequence;
ALTER SEQUENCE "{schema}".mt_events_sequence OWNED BY "{schema}".mt_events.seq_id;

CREATE OR REPLACE FUNCTION {schema}.mt_archive_stream(streamid varchar, tenantid varchar) RETURNS VOID LANGUAGE plpgsql AS
$function$
BEGIN
  update {schema}.mt_streams set is_archived = TRUE where id = streamid  and tenant_id = tenantid;
  update {schema}.mt_events set is_archived = TRUE where stream_id = streamid  and tenant_id = tenantid;
END;
$function$;


CREATE OR REPLACE FUNCTION "{schema}".mt_quick_append_events(stream varchar, stream_type varchar, tenantid varchar, event_ids uuid[], event_types varchar[], dotnet_types varchar[], bodies jsonb[], bdatas bytea[], causation_ids varchar[], correlation_ids varchar[], headers jsonb[], expected_version bigint DEFAULT NULL::bigint) RETURNS bigint[] AS $$
DECLARE
	event_version bigint;
	stream_is_archived boolean;
	event_type varchar;
	event_id uuid;
	body jsonb;
	index int;
	seq bigint;
    actual_tenant varchar;
    is_new_stream boolean := false;
	return_value bigint[];
BEGIN
    if expected_version IS NOT NULL then
        -- COALESCE turns the NULL we get for a brand-new stream into 0, so a
        -- FetchForWriting against a non-existent stream (which sets
        -- ExpectedVersionOnServer = 0) and a StartStream(id, version: 0) both
        -- land on the new-stream branch instead of mis-firing the guard.
        select version, is_archived into event_version, stream_is_archived from {schema}.mt_streams where id = stream AND tenant_id = tenantid;
        if COALESCE(event_version, 0) != expected_version then
            RAISE EXCEPTION 'Stream version mismatch on ''%'': expected %, actual %', stream, expected_version, COALESCE(event_version, 0) USING ERRCODE = 'MT003';
        end if;
    else
        select version, is_archived into event_version, stream_is_archived from {schema}.mt_streams where id = stream AND tenant_id = tenantid;
    end if;

	if event_version IS NULL then
		event_version = 0;
		is_new_stream := true;
		-- #5456 follow-up: insert the FINAL version straight away rather than 0 plus a
		-- trailing UPDATE of the row we just wrote in this same transaction. That UPDATE
		-- is a second heap tuple + WAL record per stream creation for no observable gain
		-- -- nothing outside this transaction can see the intermediate 0. The trailing
		-- UPDATE below is skipped for this branch via is_new_stream.
		insert into {schema}.mt_streams (id, type, version, timestamp, tenant_id) values (stream, stream_type, COALESCE(array_length(event_ids, 1), 0), now(), tenantid);
    else
        if stream_is_archived then
            RAISE EXCEPTION 'Attempted to append event to archived stream with Id ''%''.', stream USING ERRCODE = 'MT001';
        end if;
        if tenantid IS NOT NULL then
            select tenant_id into actual_tenant from {schema}.mt_streams where id = stream AND tenant_id = tenantid;
            if actual_tenant != tenantid then
                RAISE EXCEPTION 'The tenantid does not match the existing stream';
            end if;
        end if;
	end if;

	index := 1;
	-- #5062: array_length('{}', 1) is NULL in PostgreSQL, not 0, so a call with an
	-- empty event array used to return ARRAY[NULL] -- a bigint[] whose only element
	-- is NULL, which Npgsql cannot read into long[] ('Cannot read a non-nullable
	-- collection of elements because the returned array contains nulls'). COALESCE
	-- makes the empty case mean what it says: zero events appended, so the final
	-- version is the stream's current version.
	return_value := ARRAY[event_version + COALESCE(array_length(event_ids, 1), 0)];

	foreach event_id in ARRAY event_ids
	loop
        seq := nextval('{schema}.mt_events_sequence');
		return_value := array_append(return_value, seq);

	    event_version := event_version + 1;
		event_type = event_types[index];
		body = bodies[index];

		-- #4515 / #4578 / Phase 2: bdatas[index] carries the binary payload
		-- for events opted in to binary serialization (NULL otherwise).
		-- bodies[index] is the {} JSON placeholder for those events so the
		-- existing data jsonb NOT NULL constraint stays intact.
		insert into {schema}.mt_events
			(seq_id, id, stream_id, version, data, bdata, type, tenant_id, timestamp, mt_dotnet_type, is_archived, causation_id, correlation_id, headers)
		values
			(seq, event_id, stream, event_version, body, bdatas[index], event_type, tenantid, (now() at time zone 'utc'), dotnet_types[index], FALSE, causation_ids[index], correlation_ids[index], headers[index]);

		index := index + 1;
	end loop;

	-- A brand-new stream already carries its final version from the insert above, so the
	-- UPDATE is only needed when we appended onto a stream that already existed.
	--
	-- #5539: and only when we actually appended something. With ZERO events this was a BLIND write-back
	-- of the version read at the top of the function, and under READ COMMITTED that is a lost update: the
	-- UPDATE waits on a concurrent appender's row lock, the winner commits, the WHERE clause is
	-- re-evaluated against the new row, and `set version = <the stale value>` lands -- leaving
	-- mt_streams.version BELOW the stream's own events. Every later append then computes a version that
	-- already exists and dies on pk_mt_events_stream_and_version, forever, until the row is repaired by
	-- hand. A non-empty call cannot do this: its first INSERT collides with the winner on that same
	-- primary key and rolls the whole thing back, which is why only the empty case was exposed.
	--
	-- Two independent guards, because either alone would have been enough and the cost of both is nil:
	--   * the append count -- appending nothing has nothing to write, so the correct number of statements
	--     is zero rather than one that happens to be harmless;
	--   * greatest(), so the write-back can never LOWER a stream's version whoever calls it. An append
	--     only ever moves a version forward, so this is a no-op on every correct path and a backstop on
	--     any future caller that reads the version and then writes it back.
	if not is_new_stream and COALESCE(array_length(event_ids, 1), 0) > 0 then
		update {schema}.mt_streams set version = greatest(version, event_version), timestamp = now() where id = stream AND tenant_id = tenantid;
	end if;

	return return_value;
END
$$ LANGUAGE plpgsql;

-- Our additions to Marten's tables.

-- The appending transaction's id. The feed and the projection runner read mt_events in (tx_id, seq_id) order and
-- only below the oldest transaction still running (pg_snapshot_xmin), so an event committed late by a
-- transaction that began earlier is never skipped, however long that transaction stays open (unlike a sequence
-- high-water mark, which must give up on a gap after a threshold). Marten's inserts leave it to its default.
alter table {schema}.mt_events add column if not exists tx_id xid8 not null default pg_current_xact_id();
create index if not exists mt_events_feed on {schema}.mt_events (tx_id, seq_id);

-- An event id is used once per authority: a client's eventId (or one derived from it) makes a retried append
-- idempotent (EventSession answers it as the first time), and reusing one for another stream is an error.
create unique index if not exists mt_events_tenant_event_id on {schema}.mt_events (tenant_id, id);

-- The episodes reported for a child, found by the child id their events carry: the subject-access export, the
-- retention listing and retention's deletion (Schema/005_privacy.sql) look them up by it, and without this index
-- each of those scanned every episode event of the authority. Partial: only episode events are indexed.
create index if not exists ct_episode_child on {schema}.mt_events (tenant_id, (data->>'childId')) where stream_id like 'episode:%';

-- Until 4 Dec 2026 a save could also append through our own batch function ct_append_events (which called
-- mt_quick_append_events); every save now goes through Marten's session and the guard below, so databases made
-- before lose it.
drop function if exists {schema}.ct_append_events(varchar, varchar, varchar, bigint, varchar, uuid[], varchar[], varchar[],
    jsonb[], varchar[], varchar[], jsonb[]);

-- The guard for every save (EventSession.SaveThroughMartenAsync, through Marten's session), queued in Marten's batch
-- before Marten's own append of the stream: take the stream's transaction-level lock (a racing writer waits here,
-- then reads what the first one committed), look the append's event ids up in the authority, and read the
-- stream's version. Then either raise CT003 (every id is in this stream already, from the same request or one
-- without a fingerprint: a retry; the save runs again without this stream and answers it as the first time, at
-- the version at the end of the message), CT002 (an id used by another post or stream: the first post's instant
-- in microseconds since 1970 at the end), CT001 (a stale expected version: the actual one at the end), or return
-- the version for Marten's append. Every message starts with the append's index in the save and never names the
-- stream (stream ids hold child ids). Every refusal comes before Marten's nextval, so it burns no position.
create or replace function {schema}.ct_append_guard(
    p_tenant varchar, p_stream varchar, p_expected bigint, p_request_hash varchar, p_event_ids uuid[], p_append int)
returns bigint
language plpgsql as $ct_guard$
declare
    v_count     bigint := coalesce(array_length(p_event_ids, 1), 0);
    v_version   bigint;
    v_found     bigint;
    v_elsewhere bigint;
    v_max       bigint;
    v_hash      varchar;
    v_first_at  timestamptz;
    v_id        uuid;
    v_stream    varchar;
    v_event_version bigint;
    v_event_hash    varchar;
    v_event_at      timestamptz;
begin
    perform pg_advisory_xact_lock(hashtextextended('ct-stream:{schema}:' || p_tenant || '/' || p_stream, 0));

    select coalesce((select s.version from {schema}.mt_streams s where s.tenant_id = p_tenant and s.id = p_stream), 0)
    into v_version;
    -- One lookup per id on the whole unique key (tenant_id, id). The set query this replaces (id = any (p_event_ids))
    -- is planned once per connection and kept; planned before autovacuum had analyzed a new mt_events, its lookups read
    -- 350 index rows each on average (7.8 M in one benchmark run, up to 8.7 ms of server CPU a save), as if by the
    -- tenant alone, which every row of an authority shares (docs/benchmarks.md, "Where the Marten session path's time goes").
    v_found := 0;
    v_elsewhere := 0;
    v_max := 0;
    foreach v_id in array coalesce(p_event_ids, '{}') loop
        select e.stream_id, e.version, e.headers->>'requestHash', e.timestamp
        into v_stream, v_event_version, v_event_hash, v_event_at
        from {schema}.mt_events e where e.tenant_id = p_tenant and e.id = v_id;
        if found then
            if v_stream = p_stream then
                v_found := v_found + 1;
                v_max := greatest(v_max, v_event_version);
                v_hash := least(v_hash, v_event_hash);
            else
                v_elsewhere := v_elsewhere + 1;
            end if;
            v_first_at := least(v_first_at, v_event_at);
        end if;
    end loop;

    if v_elsewhere = 0 and v_found = v_count and (p_request_hash is null or v_hash is null or v_hash = p_request_hash) then
        raise exception 'append % was stored before, at version %', p_append, v_max using errcode = 'CT003';
    end if;
    if v_found + v_elsewhere > 0 then
        raise exception 'append % has event ids used before by a different post, first at %', p_append,
            (extract(epoch from v_first_at) * 1000000)::bigint using errcode = 'CT002';
    end if;
    if p_expected is not null and p_expected <> v_version then
        raise exception 'append % expected at version % is at %', p_append, p_expected, v_version using errcode = 'CT001';
    end if;
    return v_version;
end;
$ct_guard$;

-- Authority isolation, again inside PostgreSQL (for Marten's tables and 001's): a row of child data is visible and writable only in a
-- transaction scoped to its authority (set_config('ct.authority', '831', true)), or on a connection of the
-- system scope ('*', set at connection start-up by DocumentStore.SystemDataSource for the feed, projections
-- and the outbox relay). No scope sees nothing. FORCE makes the owner subject too; only superusers and
-- BYPASSRLS roles escape, and the services do not connect as one. The subselects evaluate the setting once
-- per statement, not once per row. Guarded, because ALTER TABLE takes an exclusive lock at every start-up.
-- The policy itself is AuthorityScope.PolicySql, the one definition shared with the services' read models.
{authority_policies}
