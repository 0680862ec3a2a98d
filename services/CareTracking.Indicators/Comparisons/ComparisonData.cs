using System.Globalization;
using CareTracking.EventStore;
using CareTracking.Indicators.Exports;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Problems;
using Npgsql;

namespace CareTracking.Indicators.Comparisons;

/// <summary>
/// The authority's comparison data, loaded by its admin: the DfE's published figures (every area's, kept per
/// release so a revision never overwrites what was published before), its statistical neighbours and its targets.
/// Each load of the neighbours or the targets is also kept whole with the instant it was loaded, so a report as known at
/// an instant compares with the list and the targets as they stood then (docs/indicators-service.md, "Comparisons").
/// </summary>
public sealed class ComparisonData(DocumentStore store)
{
    private string Published => $"{store.Schema}.ind_published_figures";
    private string Neighbours => $"{store.Schema}.ind_statistical_neighbours";
    private string Targets => $"{store.Schema}.ind_targets";
    private string NeighbourLoads => $"{store.Schema}.ind_statistical_neighbour_loads";
    private string TargetLoads => $"{store.Schema}.ind_target_loads";

    public async Task EnsureSchemaAsync(CancellationToken ct) =>
        await store.ApplyReadModelSchemaAsync(
            $"""
            create table if not exists {Published} (
                authority text not null, level text not null, area text not null, region text null, measure text not null,
                year int not null, value numeric null, release text not null, published_on date not null,
                primary key (authority, area, measure, year, release));
            create table if not exists {Neighbours} (
                authority text not null, neighbour text not null, position int not null, primary key (authority, neighbour));
            create table if not exists {Targets} (
                authority text not null, measure text not null, year int not null, target numeric not null,
                higher_is_better boolean not null, primary key (authority, measure, year));
            create table if not exists {NeighbourLoads} (
                authority text not null, loaded_at timestamptz not null, neighbours text[] not null, primary key (authority, loaded_at));
            create table if not exists {TargetLoads} (
                authority text not null, loaded_at timestamptz not null, targets jsonb not null, primary key (authority, loaded_at));
            {AuthorityScope.PolicySql(store.Schema, "ind_statistical_neighbour_loads")}
            {AuthorityScope.PolicySql(store.Schema, "ind_target_loads")}
            {AuthorityScope.PolicySql(store.Schema, "ind_published_figures")}
            {AuthorityScope.PolicySql(store.Schema, "ind_statistical_neighbours")}
            {AuthorityScope.PolicySql(store.Schema, "ind_targets")}
            """, ct);

    public Task<IReadOnlyList<PublishedFigure>> PublishedAsync(string authority, CancellationToken ct) =>
        store.ForAuthorityAsync<IReadOnlyList<PublishedFigure>>(authority, async (conn, tx, token) =>
        {
            await using var cmd = new NpgsqlCommand(
                $"select level, area, region, measure, year, value, release, published_on from {Published} where authority = @a", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            var rows = new List<PublishedFigure>();
            await using var r = await cmd.ExecuteReaderAsync(token);
            while (await r.ReadAsync(token))
                rows.Add(new PublishedFigure(Enum.Parse<AreaLevel>(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.GetString(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetDecimal(5), r.GetString(6), r.GetFieldValue<DateOnly>(7)));
            return rows;
        }, ct);

    /// <summary>Adds a release's figures; loading the same release again replaces its rows.</summary>
    public Task<int> SavePublishedAsync(string authority, IReadOnlyList<PublishedFigure> figures, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            await using var cmd = new NpgsqlCommand(
                $"""
                insert into {Published} (authority, level, area, region, measure, year, value, release, published_on)
                select @a, * from unnest(@l, @ar, @rg::text[], @m, @y, @v::numeric[], @rel, @p::date[])
                on conflict (authority, area, measure, year, release) do update
                  set value = excluded.value, published_on = excluded.published_on, level = excluded.level, region = excluded.region
                """, conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            cmd.Parameters.AddWithValue("l", figures.Select(f => f.Level.ToString()).ToArray());
            cmd.Parameters.AddWithValue("ar", figures.Select(f => f.Area).ToArray());
            cmd.Parameters.AddWithValue("rg", figures.Select(f => f.Region).ToArray());
            cmd.Parameters.AddWithValue("m", figures.Select(f => f.Measure).ToArray());
            cmd.Parameters.AddWithValue("y", figures.Select(f => f.Year).ToArray());
            cmd.Parameters.AddWithValue("v", figures.Select(f => f.Value).ToArray());
            cmd.Parameters.AddWithValue("rel", figures.Select(f => f.Release).ToArray());
            cmd.Parameters.AddWithValue("p", figures.Select(f => f.PublishedOn).ToArray());
            return await cmd.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>
    /// The neighbours now, or as loaded by <paramref name="knownAt"/>: the last list loaded by then. Before the first
    /// load the first list loaded stands (the service held none, and the committee compared with neighbours all the same:
    /// the first list is the best account of them), and a list loaded before loads were kept stands for all time.
    /// </summary>
    public Task<IReadOnlyList<string>> NeighboursAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct) =>
        store.ForAuthorityAsync<IReadOnlyList<string>>(authority, async (conn, tx, token) =>
        {
            if (knownAt is { } k && await LoadAsOfAsync(conn, tx, NeighbourLoads, "neighbours", authority, k, token) is string[] loaded) return loaded;
            await using var cmd = new NpgsqlCommand($"select neighbour from {Neighbours} where authority = @a order by position", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            var rows = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync(token);
            while (await r.ReadAsync(token)) rows.Add(r.GetString(0));
            return rows;
        }, ct);

    /// <summary>The load of <paramref name="column"/> standing at <paramref name="knownAt"/> (see <see cref="NeighboursAsync"/>); null when none was kept.</summary>
    private static async Task<object?> LoadAsOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, string column, string authority, DateTimeOffset knownAt, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select {column} from (
                (select {column}, 0 as rank from {table} where authority = @a and loaded_at <= @k order by loaded_at desc limit 1)
                union all
                (select {column}, 1 as rank from {table} where authority = @a order by loaded_at limit 1)) as loads
            order by rank limit 1
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("k", knownAt.ToUniversalTime());
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary>Keeps a load whole, stamped with the transaction's instant (the same as its rows').</summary>
    private static async Task KeepLoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, string column, string authority, NpgsqlParameter value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"insert into {table} (authority, loaded_at, {column}) values (@a, now(), @v)", conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        value.ParameterName = "v";
        cmd.Parameters.Add(value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The whole list at once: statistical neighbours are a set chosen together.</summary>
    public Task ReplaceNeighboursAsync(string authority, IReadOnlyList<string> neighbours, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            await KeepLoadAsync(conn, tx, NeighbourLoads, "neighbours", authority, new NpgsqlParameter { Value = neighbours.ToArray() }, token);
            await using (var delete = new NpgsqlCommand($"delete from {Neighbours} where authority = @a", conn, tx))
            {
                delete.Parameters.AddWithValue("a", authority);
                await delete.ExecuteNonQueryAsync(token);
            }
            await using var cmd = new NpgsqlCommand(
                $"insert into {Neighbours} (authority, neighbour, position) select @a, n, p from unnest(@n, @p) as t(n, p)", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            cmd.Parameters.AddWithValue("n", neighbours.ToArray());
            cmd.Parameters.AddWithValue("p", Enumerable.Range(1, neighbours.Count).ToArray());
            return await cmd.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>The targets now, or as loaded by <paramref name="knownAt"/>, as <see cref="NeighboursAsync"/> picks a list.</summary>
    public Task<IReadOnlyList<Target>> TargetsAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct) =>
        store.ForAuthorityAsync<IReadOnlyList<Target>>(authority, async (conn, tx, token) =>
        {
            if (knownAt is { } k && await LoadAsOfAsync(conn, tx, TargetLoads, "targets", authority, k, token) is string json)
                return System.Text.Json.JsonSerializer.Deserialize<List<Target>>(json)!;
            await using var cmd = new NpgsqlCommand(
                $"select measure, year, target, higher_is_better from {Targets} where authority = @a order by measure, year", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            var rows = new List<Target>();
            await using var r = await cmd.ExecuteReaderAsync(token);
            while (await r.ReadAsync(token)) rows.Add(new Target(r.GetString(0), r.GetInt32(1), r.GetDecimal(2), r.GetBoolean(3)));
            return rows;
        }, ct);

    public Task ReplaceTargetsAsync(string authority, IReadOnlyList<Target> targets, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            await KeepLoadAsync(conn, tx, TargetLoads, "targets", authority,
                new NpgsqlParameter { Value = System.Text.Json.JsonSerializer.Serialize(targets), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb }, token);
            await using (var delete = new NpgsqlCommand($"delete from {Targets} where authority = @a", conn, tx))
            {
                delete.Parameters.AddWithValue("a", authority);
                await delete.ExecuteNonQueryAsync(token);
            }
            await using var cmd = new NpgsqlCommand(
                $"insert into {Targets} (authority, measure, year, target, higher_is_better) select @a, * from unnest(@m, @y, @t::numeric[], @h)", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            cmd.Parameters.AddWithValue("m", targets.Select(t => t.Measure).ToArray());
            cmd.Parameters.AddWithValue("y", targets.Select(t => t.Year).ToArray());
            cmd.Parameters.AddWithValue("t", targets.Select(t => t.Value).ToArray());
            cmd.Parameters.AddWithValue("h", targets.Select(t => t.HigherIsBetter).ToArray());
            return await cmd.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>CSV with the header <c>authority</c>: one three-digit LA code a line, as the DfE's files give them.</summary>
    public static IReadOnlyList<string> ParseNeighbours(string csv, string self)
    {
        var rows = Csv.Parse(csv);
        if (rows.Count == 0 || rows[0] is not [var h] || !h.Trim().Equals("authority", StringComparison.OrdinalIgnoreCase))
            throw new RuleViolation("body", "neighbours.header", "The CSV must start with the header line: authority");
        var codes = rows.Skip(1).Select(r => r.Length > 0 ? r[0].Trim() : "").ToList();
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i].Length != 3 || !codes[i].All(char.IsAsciiDigit))
                throw new RuleViolation($"rows[{i}].authority", "neighbours.code", "authority is a three-digit local authority code, e.g. 830.");
            if (codes[i] == self)
                throw new RuleViolation($"rows[{i}].authority", "neighbours.self", "An authority is not its own statistical neighbour.");
        }
        if (codes.Distinct().Count() != codes.Count)
            throw new RuleViolation("body", "neighbours.duplicate", "Each neighbour is listed once.");
        return codes;
    }

    /// <summary>CSV with the header <c>measure,year,target,better</c>; better is <c>higher</c> or <c>lower</c>.</summary>
    public static IReadOnlyList<Target> ParseTargets(string csv)
    {
        var rows = Csv.Parse(csv);
        string[] columns = ["measure", "year", "target", "better"];
        if (rows.Count == 0 || !rows[0].Select(c => c.Trim().ToLowerInvariant()).SequenceEqual(columns))
            throw new RuleViolation("body", "targets.header", "The CSV must start with the header line: measure,year,target,better");
        return [.. rows.Skip(1).Select((r, i) => r.Length != 4
            ? throw new RuleViolation($"rows[{i}]", "targets.columns", $"Row {i + 1} has {r.Length} fields; expected 4.")
            : new Target(
                MeasureDefinitions.For(r[0]) is not null ? r[0] : throw new RuleViolation($"rows[{i}].measure", "targets.measure", $"'{r[0]}' is not a committee measure key."),
                int.TryParse(r[1], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
                    ? y : throw new RuleViolation($"rows[{i}].year", "targets.year", "year is the four-digit year whose 31 March ends the collection year."),
                decimal.TryParse(r[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t)
                    ? t : throw new RuleViolation($"rows[{i}].target", "targets.value", "target must be a number."),
                r[3].Trim().ToLowerInvariant() switch
                {
                    "higher" => true,
                    "lower" => false,
                    _ => throw new RuleViolation($"rows[{i}].better", "targets.better", "better is higher or lower."),
                }))];
    }
}
