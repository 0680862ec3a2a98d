using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Health;
using CareTracking.Ssda903.Permanence;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Which fields of the stored events hold a code, and where its meaning is. Events store the code ("C2"), not its
/// meaning, and the JSON export keeps them as stored; the page a child or care leaver reads says "C2 — Full care
/// order" instead (docs/security.md, "Subject access"). A row names the event by its stored name without the version
/// (or <see cref="AnyEvent"/> where the field means the same code in every event) and the field by its JSON path.
/// A field called "reason" is sealed free text in some events and a code in others, so it is only ever mapped for
/// one event. When an event gains a coded field, add its row here; a code not in its list is shown as given.
/// </summary>
internal static class SubjectAccessCodes
{
    public const string AnyEvent = "*";

    private static readonly (string Event, string Path, Func<string, string?> Meaning)[] Fields =
    [
        (AnyEvent, "legalStatus", In(CodeList.LegalStatus)),
        (AnyEvent, "categoryOfNeed", In(CodeList.CategoryOfNeed)),
        (AnyEvent, "reasonNewEpisode", In(CodeList.ReasonNewEpisode)),
        (AnyEvent, "reasonEnded", In(CodeList.ReasonEpisodeCeased)),
        (AnyEvent, "placement.type", In(CodeList.PlacementType)),
        (AnyEvent, "placement.provider", In(CodeList.PlacementProvider)),
        (AnyEvent, "child.sex", In(CodeList.Sex)),
        (AnyEvent, "child.ethnicity", In(CodeList.Ethnicity)),
        (AnyEvent, "previousPermanence.option", In(PermanenceCodes.PreviousPermanenceMeanings)),
        (AnyEvent, "participation", In(ReviewParticipation.Meanings)),
        ("placements.placement-moved", "reason", In(CodeList.ReasonPlaceChange)),
        ("placements.child-ceased-care", "reason", In(CodeList.ReasonEpisodeCeased)),
        ("placements.adoption-decision-reversed", "reason", In(PermanenceCodes.ReversalReasons)),
        ("placements.adoption-match-made", "adopterSex", In(PermanenceCodes.AdopterSexMeanings)),
        ("placements.adoption-match-made", "adopterLegalStatus", In(PermanenceCodes.AdopterLegalStatusMeanings)),
        ("placements.social-worker-allocated", "reason", In(PermanenceCodes.SocialWorkerReasons)),
        ("placements.social-worker-ended", "reason", In(PermanenceCodes.SocialWorkerReasons)),
        ("missing.care-period-noted", "sex", In(CodeList.Sex)),
        ("missing.missing-episode-reported", "kind", In(MissingCodes.Meanings)),
        ("missing.episode-reported-noted", "kind", In(MissingCodes.Meanings)),
        ("health.sdq-recorded", "reason", In(SdqResult.ReasonMeanings)),
        ("leavingcare.contact-recorded", "inTouch", In(Oc3Codes.InTouchMeanings)),
        ("leavingcare.contact-recorded", "activity", In(Oc3Codes.ActivityMeanings)),
        ("leavingcare.contact-recorded", "accommodation", Oc3Codes.AccommodationMeaning),
    ];

    private static readonly Dictionary<(string Event, string Path), Func<string, string?>> ByField =
        Fields.ToDictionary(f => (f.Event, f.Path), f => f.Meaning);

    /// <summary>What <paramref name="code"/> means in the field at <paramref name="path"/> (dotted JSON path, arrays
    /// not indexed) of the event stored as <paramref name="storedType"/>; null when the field is not a coded one or
    /// the code is not in its list.</summary>
    public static string? MeaningOf(string storedType, string path, string code) =>
        (ByField.GetValueOrDefault((EventName(storedType), path)) ?? ByField.GetValueOrDefault((AnyEvent, path)))?.Invoke(code);

    /// <summary>"placements.child-entered-care.v1" without its ".v1".</summary>
    public static string EventName(string storedType)
    {
        var dot = storedType.LastIndexOf('.');
        return dot > 0 && storedType.Length > dot + 2 && storedType[dot + 1] == 'v' && storedType[(dot + 2)..].All(char.IsAsciiDigit)
            ? storedType[..dot] : storedType;
    }

    private static Func<string, string?> In(CodeList list) => code => CodeLists.Find(list, code)?.Meaning;

    private static Func<string, string?> In(IReadOnlyDictionary<string, string> meanings) => code => meanings.GetValueOrDefault(code);
}
