using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Health.Children.RecordingSdq;

/// <summary>
/// Record a Strengths and Difficulties Questionnaire on <see cref="Date"/>: the total difficulties score
/// (0–40), or the 903 SDQ_REASON why there is none (SDQ1 no form returned, SDQ2 carer refused, SDQ3 not possible
/// because of the severity of the child's disability, SDQ4 other, SDQ5 the young person refuses), never both.
/// The 903 asks it of children aged 4 to 16 (rules 188 and 189 refuse a score or reason outside that age), so a
/// child under 4 or 17 or over on the date is refused. One record a day; the same again changes nothing.
/// </summary>
public sealed record RecordSdq(DateOnly Date, int? Score, string? Reason)
{
    private const string Fact = "sdq";

    public const int HighestScore = 40;

    public static IReadOnlyList<HealthEvent> Decide(RecordSdq command, HealthChild state, DateTimeOffset now)
    {
        if (command.Score is null == command.Reason is null)
            throw new RuleViolation("score", $"{Fact}.score-or-reason",
                "Give either a score (0–40) or a reason for no score (SDQ1–SDQ5), not both and not neither.");
        if (command.Score is < 0 or > HighestScore)
            throw new RuleViolation("score", $"{Fact}.score-range", "The total difficulties score is from 0 to 40.");
        if (command.Reason is not null && !IsReason(command.Reason))
            throw new RuleViolation("reason", $"{Fact}.reason-code", "The reason must be a 903 SDQ_REASON, SDQ1 to SDQ5.");
        if (state.Sdqs.Find(s => s.Date == command.Date) is { } existing)
            return existing.Score == command.Score && existing.Reason == command.Reason ? [] : throw HealthRules.AlreadyRecorded(Fact, "date");
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        if (HealthRules.AgeOn(state, command.Date) is { } age && age is < 4 or > 16)
            throw new RuleViolation("date", $"{Fact}.age",
                "The SDQ is recorded for children aged 4 to 16 on the date; this child was outside that age.");
        return [new SdqRecorded(command.Date, command.Score, command.Reason)];
    }

    public static bool IsReason(string? reason) => reason is "SDQ1" or "SDQ2" or "SDQ3" or "SDQ4" or "SDQ5";
}
