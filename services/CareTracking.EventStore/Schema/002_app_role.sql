-- Run only when the schema is applied by a privileged (migration) connection for services that connect as
-- another, restricted role: that role gets data rights on the event store, never ownership, so it cannot
-- turn row-level security off. CREATE lets a service add its own read-model tables beside the events.
-- {schema} and {app_role} are replaced; both are validated identifiers.
grant usage, create on schema {schema} to {app_role};
grant select, insert, update, delete, truncate on all tables in schema {schema} to {app_role};
grant usage, select, update on all sequences in schema {schema} to {app_role};
grant execute on all functions in schema {schema} to {app_role};
-- Except deleting a whole record (005_privacy.sql): the retention rule's function calls it with its owner's rights,
-- the deletion of a record entered in error runs as the owner; a request never does.
revoke execute on function {schema}.ct_delete_child_record(text) from {app_role};
-- Events are immutable and the read audit is append-only: the services insert and read them, never change,
-- remove or truncate them (an attacker with the services' credentials cannot rewrite history or hide reads).
revoke update, delete, truncate on {schema}.mt_events, {schema}.ct_child_read_audit from {app_role};
-- The police disclosure log only learns when an alert was sent; it is never removed.
revoke delete, truncate on {schema}.ct_police_disclosures from {app_role};
revoke delete, truncate on {schema}.ct_child_keys from {app_role};
