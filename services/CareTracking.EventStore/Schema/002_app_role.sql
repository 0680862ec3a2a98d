-- Run only when the schema is applied by a privileged (migration) connection for services that connect as
-- another, restricted role: that role gets data rights on the event store, never ownership, so it cannot
-- turn row-level security off. CREATE lets a service add its own read-model tables beside the events.
-- {schema} and {app_role} are replaced; both are validated identifiers.
grant usage, create on schema {schema} to {app_role};
grant select, insert, update, delete, truncate on all tables in schema {schema} to {app_role};
grant usage, select, update on all sequences in schema {schema} to {app_role};
grant execute on all functions in schema {schema} to {app_role};
