-- After a logical restore (pg_dump/pg_restore) into ANOTHER PostgreSQL cluster (docs/reliability.md, item 6).
--
-- Why: the event store orders the feed and the outbox by the writing transaction's id (tx_id, xid8), and reads
-- only below the oldest transaction still running. Transaction ids belong to a cluster: a new cluster starts its
-- own low, so every restored tx_id and checkpoint is "in the future" there. Projections read nothing, the lag reads
-- 0 and the relay sends nothing, until this is run. (A physical copy, pg_basebackup or a replica promoted, keeps
-- the cluster's ids and needs none of this.)
--
-- What, 1: every stored transaction id (events, outbox rows, checkpoints) is renumbered 1, 2, 3... in its original
-- order, so each projection resumes exactly where its checkpoint stood (nothing applied twice, nothing skipped, no
-- rebuild) and pending outbox messages keep their order. The new numbers must lie below the new cluster's own ids:
-- the script first uses up transaction ids until they do.
-- What, 2: a message the old stack sent shortly before the dump may have been consumed after it, so its effect (a
-- child noted by Missing episodes, a review scheduled) is not in the copy while the outbox row says "sent". Every
-- message sent in the last :resend_minutes (default 15) minutes before the dump's last send goes again. Consumers drop
-- those they had applied by message id (their inbox is in the same copy); police forces drop an alert they already
-- have by its alertId. Raise it if consumers were further behind than that when the dump was taken.
--
-- How: with the services stopped, as the superuser, in the restored database:
--   psql -v ON_ERROR_STOP=1 -v schema=eventstore [-v resend_minutes=15] -d <database> -f deploy/local/after-restore.sql
-- It prints how many ids it renumbered and how many messages go again. Running it twice renumbers 1..n to 1..n and
-- sends the same messages once more (harmless, as above).

\if :{?schema}
\else
  \set schema eventstore
\endif
\if :{?resend_minutes}
\else
  \set resend_minutes 15
\endif

select count(*) as distinct_ids from (
    select tx_id from :"schema".mt_events
    union select tx_id from :"schema".ct_outbox
    union select tx_id from :"schema".ct_projection_progress where tx_id > '0'::xid8) ids \gset

-- Use up transaction ids (one short transaction each) until the cluster's own are past the renumbered ones, with a
-- margin; a no-op on a cluster that has run for a while.
select greatest(0, :distinct_ids + 1000 - pg_current_xact_id()::text::bigint) as to_burn \gset
\echo renumbering :distinct_ids transaction ids; using up :to_burn transaction ids first
set ct.to_burn = :'to_burn';
do $$
declare n bigint := current_setting('ct.to_burn')::bigint;
begin
    for i in 1..n loop
        perform pg_current_xact_id();
        commit;
    end loop;
end $$;

begin;
create temporary table ct_tx_map on commit drop as
    select tx_id as old_id, (row_number() over (order by tx_id))::text::xid8 as new_id
    from (select tx_id from :"schema".mt_events
          union select tx_id from :"schema".ct_outbox
          union select tx_id from :"schema".ct_projection_progress where tx_id > '0'::xid8) ids;
create unique index on ct_tx_map (old_id);
analyze ct_tx_map;
update :"schema".mt_events e set tx_id = m.new_id from ct_tx_map m where e.tx_id = m.old_id and e.tx_id <> m.new_id;
update :"schema".ct_outbox o set tx_id = m.new_id from ct_tx_map m where o.tx_id = m.old_id and o.tx_id <> m.new_id;
update :"schema".ct_projection_progress p set tx_id = m.new_id from ct_tx_map m where p.tx_id = m.old_id and p.tx_id <> m.new_id;
-- Nothing may be left ahead of this cluster.
do $$
begin
    if exists (select 1 from ct_tx_map where new_id >= pg_snapshot_xmin(pg_current_snapshot())) then
        raise exception 'renumbered transaction ids are not below this cluster''s: run the script again';
    end if;
end $$;
with again as (
    update :"schema".ct_outbox set dispatched_at = null
    where parked_at is null
      and dispatched_at >= (select max(dispatched_at) from :"schema".ct_outbox) - make_interval(mins => :resend_minutes)
    returning 1)
select count(*) as resent from again \gset
\echo :resent messages sent in the last :resend_minutes minutes before the dump go again
commit;
