using System.Globalization;
using CareTracking.EventStore;
using CareTracking.Ssda903.Codes;
using NpgsqlTypes;

namespace CareTracking.Benchmarks;

/// <summary>Writes synthetic children's histories for many authorities straight into Marten's mt_streams and mt_events (binary COPY,
/// one transaction per million events), under the stored names and JSON shapes the services write.</summary>
internal static class SyntheticHistory
{
    private const int EventsPerCopy = 1_000_000;
    private static readonly DateOnly Epoch = new(2012, 1, 1);
    private static readonly DateOnly End = new(2025, 6, 1);
    private static readonly string[] Places = ["U4", "U4", "U6", "U6", "U1", "U3", "U5", "K2", "P1", "R1", "H5"];
    private static readonly string[] Providers = ["PR1", "PR1", "PR4", "PR2"];
    private static readonly string[] Endings = ["E4A", "E4A", "E13", "E11", "E41", "E45", "E8", "E17"];

    public static string AuthorityCode(int index) => (201 + index).ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string Stream, int Version, string Type, string Json, DateOnly Effective, DateTime Recorded);

    public static async Task<long> WriteAsync(DocumentStore store, long target, int authorities)
    {
        var random = new Random(903);
        var perAuthority = target / authorities;
        long seq = 0;
        var rows = new List<Row>(EventsPerCopy + 200);
        for (var a = 0; a < authorities; a++)
        {
            var authority = AuthorityCode(a);
            long written = 0;
            for (var child = 1; written < perAuthority; child++)
            {
                var before = rows.Count;
                Child(random, authority, $"C{child}", rows);
                written += rows.Count - before;
                if (rows.Count >= EventsPerCopy)
                {
                    seq = await CopyAsync(store, authority, rows, seq);
                    rows.Clear();
                }
            }
            if (rows.Count > 0)
            {
                seq = await CopyAsync(store, authority, rows, seq);
                rows.Clear();
            }
        }
        // Positions were given explicitly: move Marten's sequence past them for any append that follows.
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var setval = new Npgsql.NpgsqlCommand($"select setval('{store.Schema}.mt_events_sequence', greatest(@s, 1))", conn);
        setval.Parameters.AddWithValue("s", seq);
        await setval.ExecuteNonQueryAsync();
        return seq;
    }

    private static async Task<long> CopyAsync(DocumentStore store, string authority, List<Row> rows, long seq)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync();
        // Streams first: mt_events references mt_streams. A child's rows never straddle two copies.
        using (var streams = conn.BeginBinaryImport(
            $"copy {store.Schema}.mt_streams (tenant_id, id, type, version) from stdin (format binary)"))
        {
            foreach (var stream in rows.GroupBy(r => r.Stream))
            {
                streams.StartRow();
                streams.Write(authority, NpgsqlDbType.Varchar);
                streams.Write(stream.Key, NpgsqlDbType.Varchar);
                streams.Write(stream.Key.Split(':')[0] switch { "episode" => "missing-episode", "missing" => "missing-child", "reviews" => "reviews-child", _ => "child" }, NpgsqlDbType.Varchar);
                streams.Write((long)stream.Max(r => r.Version), NpgsqlDbType.Bigint);
            }
            streams.Complete();
        }
        using var copy = conn.BeginBinaryImport(
            $"copy {store.Schema}.mt_events (seq_id, tenant_id, stream_id, version, id, type, data, headers, timestamp) from stdin (format binary)");
        foreach (var row in rows)
        {
            copy.StartRow();
            copy.Write(++seq, NpgsqlDbType.Bigint);
            copy.Write(authority, NpgsqlDbType.Varchar);
            copy.Write(row.Stream, NpgsqlDbType.Varchar);
            copy.Write((long)row.Version, NpgsqlDbType.Bigint);
            copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            copy.Write(row.Type, NpgsqlDbType.Varchar);
            copy.Write(row.Json, NpgsqlDbType.Jsonb);
            copy.Write($$"""{"effectiveDate":"{{row.Effective:yyyy-MM-dd}}"}""", NpgsqlDbType.Jsonb);
            copy.Write(row.Recorded, NpgsqlDbType.TimestampTz);
        }
        copy.Complete();
        return seq;
    }

    // Rows of one authority are copied in one go per million, so a child's rows never straddle authorities.
    private static void Child(Random random, string authority, string child, List<Row> rows)
    {
        var placementVersion = 0;
        void Placement(string type, string json, DateOnly date) =>
            rows.Add(new Row(child, ++placementVersion, type, json, date, Recorded(random, date)));

        var start = Epoch.AddDays(random.Next(0, End.DayNumber - Epoch.DayNumber - 30));
        var born = start.AddDays(-random.Next(30, 16 * 365));
        Placement("placements.child-entered-care.v1",
            $$"""{"date":"{{Iso(start)}}","legalStatus":"C2","categoryOfNeed":"N1","placement":{{PlacementJson(random)}},"homePostcode":"DE1 1AA","child":{{ChildJson(born, random)}}}""",
            start);

        var day = start;
        for (var moves = random.Next(0, 4); moves > 0; moves--)
        {
            day = day.AddDays(random.Next(30, 500));
            if (day >= End) break;
            Placement("placements.placement-moved.v1",
                $$"""{"date":"{{Iso(day)}}","placement":{{PlacementJson(random)}},"sameCarer":false,"reason":"CARPL","legalStatus":null,"reasonNewEpisode":"P"}""", day);
        }
        if (random.Next(10) < 3 && day.AddDays(60) < End)
        {
            day = day.AddDays(random.Next(1, 60));
            Placement("placements.legal-status-changed.v1", $$"""{"date":"{{Iso(day)}}","legalStatus":"C1"}""", day);
        }
        var ended = End;
        if (random.Next(10) < 6)
        {
            var ceased = day.AddDays(random.Next(30, 900));
            if (ceased < End)
            {
                ended = ceased;
                Placement("placements.child-ceased-care.v1", $$"""{"date":"{{Iso(ceased)}}","reason":"{{Endings[random.Next(Endings.Length)]}}"}""", ceased);
            }
        }

        var reviewVersion = 0;
        void Review(string type, string json, DateOnly date) =>
            rows.Add(new Row($"reviews:{child}", ++reviewVersion, type, json, date, Recorded(random, date)));
        var allocated = start.AddDays(random.Next(0, 10));
        Review("reviews.iro-allocated.v1", $$"""{"date":"{{Iso(allocated)}}","iroId":"iro-{{random.Next(1, 12)}}","team":"team-{{random.Next(1, 4)}}"}""", allocated);
        var review = start.AddDays(random.Next(14, 35));
        for (var n = 1; review < ended; n++)
        {
            Review("reviews.review-held.v1", $$"""{"date":"{{Iso(review)}}","participation":"PN{{random.Next(0, 8)}}"}""", review);
            review = review.AddMonths(n == 1 ? 3 : 6).AddDays(random.Next(-20, 25));
        }

        if (random.Next(10) != 0) return;
        for (var episodes = random.Next(1, 11); episodes > 0; episodes--)
        {
            var id = Guid.CreateVersion7();
            var version = 0;
            var lastSeen = new DateTimeOffset(start.AddDays(random.Next(0, Math.Max(1, ended.DayNumber - start.DayNumber))).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                .AddMinutes(random.Next(0, 1440));
            void Missing(string type, string json, DateTimeOffset at) =>
                rows.Add(new Row($"episode:{id}", ++version, type, json, DateOnly.FromDateTime(at.UtcDateTime), at.UtcDateTime.AddHours(random.Next(1, 48))));
            Missing("missing.missing-episode-reported.v1",
                $$"""{"episodeId":"{{id}}","authority":"{{authority}}","childId":"{{child}}","kind":"{{(random.Next(4) == 0 ? "A" : "M")}}","lastSeenAt":"{{Iso(lastSeen)}}","reportedAt":"{{Iso(lastSeen.AddHours(1))}}","riskLevel":"medium","requestedRiskLevel":"medium","riskReason":null,"exploitationRisk":{"criminal":false,"sexual":false},"policeReference":null,"awaitingCareConfirmation":false}""",
                lastSeen);
            var returned = lastSeen.AddHours(random.Next(2, 120));
            Missing("missing.child-returned.v1", $$"""{"episodeId":"{{id}}","returnedAt":"{{Iso(returned)}}","foundArea":"DE1"}""", returned);
            if (random.Next(10) < 7)
            {
                var offered = returned.AddHours(random.Next(1, 100));
                Missing("missing.return-interview-offered.v1",
                    $$"""{"episodeId":"{{id}}","at":"{{Iso(offered)}}","within72Hours":{{(offered - returned <= TimeSpan.FromHours(72) ? "true" : "false")}}}""", offered);
            }
        }
    }

    private static string ChildJson(DateOnly born, Random random) =>
        $$"""{"sex":"M","dateOfBirth":"{{Iso(born)}}","ethnicity":"WBRI","uasc":{{(random.Next(20) == 0 ? "true" : "false")}}}""";

    /// <summary>A placement as Placements would accept it: parents (PR0) provide P1 (903 rule 550), and types Ofsted does
    /// not inspect (P1, R1) carry no URN (rule 222). The draws are the same for every type, so the sequence of
    /// histories does not depend on these rules.</summary>
    private static string PlacementJson(Random random)
    {
        var type = Places[random.Next(Places.Length)];
        var provider = Providers[random.Next(Providers.Length)];
        var urn = $"\"SC{random.Next(100000, 999999)}\"";
        if (type == "P1") provider = "PR0";
        if (PlacementTypes.TakesNoUrn(type)) urn = "null";
        return $$"""{"type":"{{type}}","provider":"{{provider}}","postcode":"DE22 3NE","urn":{{urn}}}""";
    }

    private static DateTime Recorded(Random random, DateOnly effective) =>
        DateTime.SpecifyKind(effective.ToDateTime(new TimeOnly(9, 0)).AddDays(random.Next(0, 30)).AddMinutes(random.Next(0, 600)), DateTimeKind.Utc);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
}
