using System.Globalization;
using CareTracking.EventStore;
using CareTracking.Indicators.Exports;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Problems;
using Npgsql;

namespace CareTracking.Indicators.Reference;

/// <summary>The population aged 0–17 of the authority for a collection year (named by the 31 March it ends on).</summary>
public sealed record PopulationRow(int Year, int Population);

/// <summary>National and comparator (statistical neighbours') values of a measure for a collection year, with
/// where they came from. Either value may be unknown.</summary>
public sealed record BenchmarkRow(string Measure, int Year, decimal? National, decimal? Comparator, string? Source);

/// <summary>
/// Reference data the events do not hold, per authority: the population for the rate per 10,000 and the
/// national and comparator figures a committee compares against. The national figures shipped with the
/// service (Reference/national-figures.csv, from DfE releases; docs/national-figures.md) apply unless an
/// upload replaces them.
/// </summary>
public sealed class ReferenceData(DocumentStore store)
{
    private static readonly Lazy<IReadOnlyList<BenchmarkRow>> Shipped = new(ReadShipped);
    public static IReadOnlyList<BenchmarkRow> ShippedNationalFigures => Shipped.Value;

    private string Populations => $"{store.Schema}.ind_populations";
    private string Benchmarks => $"{store.Schema}.ind_benchmarks";

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await store.ApplyReadModelSchemaAsync(
            $"""
            create table if not exists {Populations} (
                authority text not null, year int not null, population int not null, primary key (authority, year));
            create table if not exists {Benchmarks} (
                authority text not null, measure text not null, year int not null,
                national numeric null, comparator numeric null, source text null, primary key (authority, measure, year));
            {AuthorityScope.PolicySql(store.Schema, "ind_populations")}
            {AuthorityScope.PolicySql(store.Schema, "ind_benchmarks")}
            """, ct);
    }

    public Task<IReadOnlyList<PopulationRow>> PopulationsAsync(string authority, CancellationToken ct) =>
        store.ForAuthorityAsync<IReadOnlyList<PopulationRow>>(authority, async (conn, tx, token) =>
        {
            await using var cmd = new NpgsqlCommand($"select year, population from {Populations} where authority = @a order by year", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            var rows = new List<PopulationRow>();
            await using var r = await cmd.ExecuteReaderAsync(token);
            while (await r.ReadAsync(token)) rows.Add(new PopulationRow(r.GetInt32(0), r.GetInt32(1)));
            return rows;
        }, ct);

    /// <summary>The shipped national figures, overlaid by the authority's uploaded rows.</summary>
    public async Task<IReadOnlyList<BenchmarkRow>> BenchmarksAsync(string authority, CancellationToken ct)
    {
        var uploaded = await store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            await using var cmd = new NpgsqlCommand(
                $"select measure, year, national, comparator, source from {Benchmarks} where authority = @a", conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            var rows = new List<BenchmarkRow>();
            await using var r = await cmd.ExecuteReaderAsync(token);
            while (await r.ReadAsync(token))
                rows.Add(new BenchmarkRow(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetDecimal(2),
                    r.IsDBNull(3) ? null : r.GetDecimal(3), r.IsDBNull(4) ? null : r.GetString(4)));
            return rows;
        }, ct);
        var keys = uploaded.Select(b => (b.Measure, b.Year)).ToHashSet();
        return [.. Shipped.Value.Where(b => !keys.Contains((b.Measure, b.Year))).Concat(uploaded).OrderBy(b => b.Measure, StringComparer.Ordinal).ThenBy(b => b.Year)];
    }

    public async Task<ReferenceFigures> FiguresAsync(string authority, CancellationToken ct) =>
        new([.. (await PopulationsAsync(authority, ct)).Select(p => new PopulationEstimate(authority, p.Year, p.Population))]);

    /// <param name="replace">PUT: the upload is the whole set; POST: its rows are added or updated.</param>
    public Task SavePopulationsAsync(string authority, IReadOnlyList<PopulationRow> rows, bool replace, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            if (replace) await DeleteAsync(conn, tx, Populations, authority, token);
            await using var cmd = new NpgsqlCommand(
                $"""
                insert into {Populations} (authority, year, population) select @a, * from unnest(@y, @p)
                on conflict (authority, year) do update set population = excluded.population
                """, conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            cmd.Parameters.AddWithValue("y", rows.Select(r => r.Year).ToArray());
            cmd.Parameters.AddWithValue("p", rows.Select(r => r.Population).ToArray());
            return await cmd.ExecuteNonQueryAsync(token);
        }, ct);

    public Task SaveBenchmarksAsync(string authority, IReadOnlyList<BenchmarkRow> rows, bool replace, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            if (replace) await DeleteAsync(conn, tx, Benchmarks, authority, token);
            await using var cmd = new NpgsqlCommand(
                $"""
                insert into {Benchmarks} (authority, measure, year, national, comparator, source)
                select @a, * from unnest(@m, @y, @n::numeric[], @c::numeric[], @s::text[])
                on conflict (authority, measure, year) do update
                  set national = excluded.national, comparator = excluded.comparator, source = excluded.source
                """, conn, tx);
            cmd.Parameters.AddWithValue("a", authority);
            cmd.Parameters.AddWithValue("m", rows.Select(r => r.Measure).ToArray());
            cmd.Parameters.AddWithValue("y", rows.Select(r => r.Year).ToArray());
            cmd.Parameters.AddWithValue("n", rows.Select(r => r.National).ToArray());
            cmd.Parameters.AddWithValue("c", rows.Select(r => r.Comparator).ToArray());
            cmd.Parameters.AddWithValue("s", rows.Select(r => r.Source).ToArray());
            return await cmd.ExecuteNonQueryAsync(token);
        }, ct);

    private static async Task DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, string authority, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"delete from {table} where authority = @a", conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>CSV with the header <c>year,population</c>; the authority is the caller's, never a column.</summary>
    public static IReadOnlyList<PopulationRow> ParsePopulations(string csv)
    {
        var rows = Table(csv, ["year", "population"]);
        return [.. rows.Select((r, i) => new PopulationRow(
            Year(r["year"], i),
            int.TryParse(r["population"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
                ? p
                : throw Bad($"rows[{i}].population", "reference.population", "population must be a whole number above zero.")))];
    }

    /// <summary>CSV with the header <c>measure,year,national,comparator,source</c>; an empty cell is an unknown value.</summary>
    public static IReadOnlyList<BenchmarkRow> ParseBenchmarks(string csv)
    {
        var rows = Table(csv, ["measure", "year", "national", "comparator", "source"]);
        return [.. rows.Select((r, i) => new BenchmarkRow(
            MeasureDefinitions.For(r["measure"]) is not null
                ? r["measure"]
                : throw Bad($"rows[{i}].measure", "reference.measure", $"'{r["measure"]}' is not a committee measure key (e.g. cla, ratePer10k, placementMix.fosterOther)."),
            Year(r["year"], i),
            Value(r["national"], "national", i),
            Value(r["comparator"], "comparator", i),
            r["source"].Length == 0 ? null : r["source"]))];
    }

    private static List<Dictionary<string, string>> Table(string csv, string[] columns)
    {
        var parsed = Csv.Parse(csv);
        if (parsed.Count == 0 || !parsed[0].Select(h => h.ToLowerInvariant()).SequenceEqual(columns))
            throw Bad("body", "reference.header", $"The CSV must start with the header line: {string.Join(',', columns)}");
        if (parsed.Count == 1) throw Bad("body", "reference.empty", "The CSV has a header but no rows.");
        return [.. parsed.Skip(1).Select((row, i) => row.Length == columns.Length
            ? columns.Select((c, j) => (c, row[j])).ToDictionary(x => x.c, x => x.Item2)
            : throw Bad($"rows[{i}]", "reference.columns", $"Row {i + 1} has {row.Length} fields; expected {columns.Length}."))];
    }

    private static int Year(string text, int row) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
            ? y
            : throw Bad($"rows[{row}].year", "reference.year", "year is the four-digit year whose 31 March ends the collection year.");

    private static decimal? Value(string text, string field, int row) =>
        text.Length == 0 ? null
        : decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v
        : throw Bad($"rows[{row}].{field}", "reference.value", $"{field} must be a number (or empty when unknown).");

    private static RuleViolation Bad(string field, string rule, string detail) => new(field, rule, detail);

    private static IReadOnlyList<BenchmarkRow> ReadShipped()
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("CareTracking.Indicators.Reference.national-figures.csv")
            ?? throw new InvalidOperationException("The shipped national figures are missing from the assembly.");
        var rows = Csv.Parse(new StreamReader(stream).ReadToEnd());
        return [.. rows.Skip(1).Select(r => new BenchmarkRow(r[0], int.Parse(r[1], CultureInfo.InvariantCulture),
            decimal.Parse(r[2], CultureInfo.InvariantCulture), null, r[3]))];
    }
}
