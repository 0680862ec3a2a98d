-- One-off migration: copies the streams of CareTracking's own event store (eventstore.ct_streams and
-- eventstore.ct_events, written before the move to Marten) into Marten's tables (eventstore.mt_streams and
-- eventstore.mt_events), keeping every event's id, stream, version, global position (seq_id), appending
-- transaction id (tx_id, so projection checkpoints stay valid), recorded instant, authority (as Marten's tenant
-- id), stored name, data, effective date, correlation, causation and acting client, and every stream's type.
--
-- When: once per database, after a service of the Marten version has started (so 003_marten_events.sql has
-- created mt_streams and mt_events) and before the services take traffic again.
-- How: as the privileged migration role (the postgres role locally; the tables' owner), for example
--   psql "host=... dbname=caretracking user=postgres" -v ON_ERROR_STOP=1 \
--        -f services/CareTracking.EventStore/Schema/one_off_copy_to_marten.sql
-- Safe to run twice: streams and events already copied are skipped. It refuses to run when mt_events already
-- holds events at positions the copy needs (new appends made before the copy), rather than mixing them up.
-- Afterwards, check the counts it prints, then drop the old tables by hand:
--   drop function eventstore.ct_append; drop table eventstore.ct_events, eventstore.ct_streams;
--   drop sequence eventstore.ct_event_seq;
-- Tested by MartenMigrationTests (tests/CareTracking.EventStore.Tests).

begin;

-- Row-level security is forced on both sides: the system scope sees and writes every authority.
select set_config('ct.authority', '*', true);
-- Nothing may append to the old store while it is copied.
lock table eventstore.ct_streams, eventstore.ct_events in share mode;

do $copy$
begin
    if exists (
        select 1 from eventstore.mt_events m
        join eventstore.ct_events c on c.seq_id = m.seq_id
        where (m.tenant_id, m.id) is distinct from (c.authority, c.event_id)) then
        raise exception 'mt_events already holds other events at positions of ct_events: copy before new appends';
    end if;
end $copy$;

insert into eventstore.mt_streams (tenant_id, id, type, version, timestamp, created)
select s.authority, s.stream_id, s.stream_type, s.version, s.updated_at, s.created_at
from eventstore.ct_streams s
on conflict (tenant_id, id) do nothing;

insert into eventstore.mt_events (seq_id, tx_id, id, stream_id, version, data, type, timestamp, tenant_id,
                                  correlation_id, causation_id, headers, is_archived)
select e.seq_id, e.tx_id, e.event_id, e.stream_id, e.version, e.data, e.event_type, e.recorded_at, e.authority,
       e.correlation_id, e.causation_id,
       nullif(jsonb_strip_nulls(jsonb_build_object('effectiveDate', e.effective_date, 'actingClient', e.acting_client)), '{}'::jsonb),
       false
from eventstore.ct_events e
where not exists (select 1 from eventstore.mt_events m where m.tenant_id = e.authority and m.id = e.event_id)
order by e.seq_id;

-- Marten's next position follows the copied ones.
select setval('eventstore.mt_events_sequence',
              greatest((select coalesce(max(seq_id), 0) from eventstore.mt_events), 1));

select (select count(*) from eventstore.ct_streams) as old_streams, (select count(*) from eventstore.mt_streams) as marten_streams,
       (select count(*) from eventstore.ct_events) as old_events, (select count(*) from eventstore.mt_events) as marten_events;

commit;
