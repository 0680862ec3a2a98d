using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Tests;

/// <summary>Hand-built return rows. Episode rows are numbered in the order given.</summary>
internal static class Rows
{
    public const string Child = "C1";
    public static readonly DateOnly Today = new(2025, 6, 1);

    public static HeaderRecord Header(string sex = "1", string dob = "01/06/2008", string child = Child, int row = 1) =>
        new(new RowRef(ReturnFile.Header, row), child, sex, dob, "WBRI");

    public static EpisodeRecord Episode(int row, string decom, string rne, string ls = "C2", string place = "U4", string dec = "",
        string rec = "", string reason = "", string child = Child) =>
        new(new RowRef(ReturnFile.Episodes, row), child, decom, rne, ls, "N1", place, "PR1", dec, rec, reason, "DE1 1AA", "DE2 2BB", "");

    public static ReturnRecords Return(IEnumerable<HeaderRecord>? headers = null, IEnumerable<EpisodeRecord>? episodes = null,
        IEnumerable<UascRecord>? uasc = null, IEnumerable<MissingRecord>? missing = null, IEnumerable<ReviewRecord>? reviews = null) =>
        new([.. headers ?? [Header()]], [.. episodes ?? []], [.. uasc ?? []], [.. missing ?? []], [.. reviews ?? []]);

    public static ImportPlan Map(ReturnRecords records) => ImportMapping.Map(records, "831", Today);

    public static ImportPlan MapEpisodes(params EpisodeRecord[] episodes) => Map(Return(episodes: episodes));

    public static IReadOnlyList<ImportStep> Steps(this ImportPlan plan) => [.. plan.Steps];

    public static RowRejection RejectionOf(this ImportPlan plan, string file, int row) =>
        plan.Rejections.Single(r => r.Row == new RowRef(file, row));

    public static ImportStep StepOf(this ImportPlan plan, string file, int row) =>
        plan.Steps.Single(s => s.Row == new RowRef(file, row));

    public static T Body<T>(this ImportStep step, int post = 0) => Assert.IsType<T>(step.Posts[post].Body);
}
