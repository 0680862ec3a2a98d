using Npgsql;

namespace CareTracking.EventStore;

/// <summary>The transaction-local setting the row-level security policies compare each row's authority with.</summary>
public static class AuthorityScope
{
    public const string Setting = "ct.authority";
    /// <summary>The system scope: every authority. Only <see cref="DocumentStore.SystemDataSource"/> sets it.</summary>
    public const string System = "*";
    internal const string Parameter = "ct_scope_authority";
    internal const string Sql = $"select set_config('{Setting}', @{Parameter}, true)";

    /// <summary>A first command for a batch (which runs in one implicit transaction) that scopes the batch to
    /// one authority.</summary>
    public static NpgsqlBatchCommand Command(string authority)
    {
        var cmd = new NpgsqlBatchCommand(Sql);
        cmd.Parameters.AddWithValue(Parameter, Authorities.Validate(authority));
        return cmd;
    }

    private const string Scope = $"(select current_setting('{Setting}', true))";

    /// <summary>
    /// SQL that puts a service's own read-model table (whose <paramref name="column"/> holds the authority) under the
    /// event store's policy: row-level security enabled and forced, rows visible and writable only in a
    /// transaction scoped to their authority, for every role (<c>ct_scope</c>). The system scope is a second
    /// policy for the background role only (<see cref="SystemPolicySql"/>), so the request role setting
    /// <c>ct.authority</c> to <c>*</c> itself sees nothing. Idempotent, and guarded like the event store's, so a
    /// restart takes no exclusive lock; concurrent starts serialise on an advisory lock. A table still under the
    /// older single policy (<c>ct_authority</c>, which let any role take the system scope) is moved to the new ones.
    /// </summary>
    public static string PolicySql(string schema, string table, string column = "authority")
    {
        SchemaName.Validate(column);
        var qualified = $"{SchemaName.Validate(schema)}.{SchemaName.Validate(table)}";
        return $"""
            do $ct_policy$
            begin
                perform pg_advisory_xact_lock(hashtext('ct-policy:{qualified}'));
                if not exists (select 1 from pg_policies where schemaname = '{schema}' and tablename = '{table}' and policyname = 'ct_scope') then
                    alter table {qualified} enable row level security;
                    alter table {qualified} force row level security;
                    create policy ct_scope on {qualified}
                        using ({column} = {Scope})
                        with check ({column} = {Scope});
                    drop policy if exists ct_authority on {qualified};
                end if;
            end $ct_policy$;
            """;
    }

    /// <summary>What a read model's table comment starts with when only background work writes it.</summary>
    public const string BackgroundOnlyMarker = "ct:background-only";

    /// <summary>
    /// SQL that marks a read-model table as written by background work only (projections, rebuilds): the request
    /// role may then only read it. The mark is the table's comment, so 004_split_roles.sql, which every service runs
    /// at every start after granting the request role its rights on all tables, finds it whichever service made the
    /// table, and takes the writes back each time.
    /// </summary>
    public static string BackgroundOnlySql(string schema, string table) =>
        $"comment on table {SchemaName.Validate(schema)}.{SchemaName.Validate(table)} is "
        + $"'{BackgroundOnlyMarker}: a read model written by projections; the request role may only read it (docs/security.md, Database roles)';";

    /// <summary>
    /// SQL that lets <paramref name="workerRole"/> (the background role) see and write every authority's rows on a
    /// system-scope connection: a policy <c>ct_system</c> on every table of the schema under <c>ct_scope</c>, to
    /// that role only. Roles are added, never removed, so services started with older settings keep working; a
    /// superuser or BYPASSRLS role needs none. Run after the tables' own SQL, under the schema lock.
    /// </summary>
    public static string SystemPolicySql(string schema, string workerRole)
    {
        SchemaName.Validate(schema);
        SchemaName.Validate(workerRole);
        var isSystem = $"{Scope} = '{System}'".Replace("'", "''");
        return $"""
            do $ct_system$
            declare
                t record;
                roles text;
            begin
                if not exists (select 1 from pg_roles where rolname = '{workerRole}' and not rolsuper and not rolbypassrls) then
                    return;
                end if;
                for t in select p.tablename, s.roles from pg_policies p
                         left join pg_policies s on s.schemaname = p.schemaname and s.tablename = p.tablename and s.policyname = 'ct_system'
                         where p.schemaname = '{schema}' and p.policyname = 'ct_scope' loop
                    if t.roles is null then
                        execute format('create policy ct_system on %I.%I to %I using ({isSystem}) with check ({isSystem})',
                            '{schema}', t.tablename, '{workerRole}');
                    elsif not ('{workerRole}' = any(t.roles)) then
                        select string_agg(quote_ident(r), ', ') into roles from (select unnest(t.roles) as r union select '{workerRole}') x;
                        execute format('alter policy ct_system on %I.%I to %s', '{schema}', t.tablename, roles);
                    end if;
                end loop;
            end $ct_system$;
            """;
    }
}
