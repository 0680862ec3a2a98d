using CareTracking.Placements.Children.Adoption;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.OpenApi;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Placements.Children;

/// <summary>
/// The Placements API as its OpenAPI document tells it (docs/integrating.md). The examples are one child's
/// history, in order: entered care, a social worker, a move, an adoption decision, the parents' consent to
/// placement, a placement order, a match,
/// a UASC change recorded by mistake and retracted, the decision reversed, care ended. Posted in
/// <see cref="OperationDoc.Order"/> they are all accepted (the contract test does so).
/// </summary>
public sealed class PlacementsContract : ApiContract
{
    public const string Child = "C1001";
    private const string Children = "/api/children/{childId}";
    private static readonly Dictionary<string, string> ChildPath = new() { ["childId"] = Child };
    private static readonly Guid UascEvent = Guid.Parse("0197a3c0-0000-7000-8000-000000000107");

    private static readonly Placement FosterPlacement = new("U4", "PR1", "DE22 3NE", "SC123456");

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        Write("entered-care", "postEnteredCare", "The child started to be looked after",
            "Starts a period of care (903 episode with RNE S). The first post for a child; every other fact about the "
            + "child's care comes after it. Placements publishes the period to the other services (Reviews, Health, "
            + "Leaving care, Missing episodes), which hold facts they received before it until then. "
            + "`ceased` records a past period whole (back-filling).",
            1, new EnteredCareRequest(new DateOnly(2024, 4, 10), "C2", "N1", FosterPlacement,
                new ChildDetails("F", new DateOnly(2023, 6, 1), "WBRI", false), HomePostcode: "DE1 1AA",
                EventId: Id(101), PreviousPermanence: new PreviousPermanence("P2", "2023-11"))),
        Write("social-workers", "postSocialWorker", "A social worker was allocated to the child",
            "Starts a 903 SWEpisodes row; the worker before, if any, ends the same day.",
            2, new SocialWorkerRequest(new DateOnly(2024, 4, 10), "SW100001", "FCONTA", Id(102))),
        Write("placement-moves", "postPlacementMove", "The child moved placement",
            "Ends the current 903 episode and starts one with RNE P (new carer) or T (same carer, `sameCarer: true`); "
            + "with `legalStatus` the legal status changes the same day (RNE U or B). `reason` is REASON_PLACE_CHANGE.",
            3, new PlacementMoveRequest(new DateOnly(2024, 5, 20), new Placement("U6", "PR4", "DE3 0AB", "SC654321"), SameCarer: false,
                Reason: "CARPL", EventId: Id(103))),
        Write("adoption-decisions", "postAdoptionDecision", "The agency decided the child should be placed for adoption",
            "Opens a 903 PlacedAdoption row (DATE_PLACED).", 4, new AdoptionDecisionRequest(new DateOnly(2024, 6, 1), Id(104))),
        Write("adoption-consents", "postAdoptionConsent", "The parents consented to the child's placement for adoption",
            "Consent under section 19 of the Adoption and Children Act 2002: the court authority to place where there is no placement "
            + "order, and so where the scorecard's A2 starts for a child placed with consent (a placement order in the period comes "
            + "first). Not a 903 item. Needs an open adoption decision, no placement order in force and no match yet under it; one "
            + "consent per decision.", 5, new AdoptionConsentRequest(new DateOnly(2024, 7, 1), Id(113))),
        Write("legal-status-changes", "postLegalStatusChange", "The child's legal status changed",
            "Ends the current 903 episode and starts one with RNE L.", 6,
            new LegalStatusChangeRequest(new DateOnly(2024, 11, 1), "E1", Id(105))),
        Write("adoption-matches", "postAdoptionMatch", "The child was matched with adopters",
            "Records the 903 AD1 match: the date, the adopters' number, sex and legal status, and whether they are the "
            + "child's foster carers. Needs an open adoption decision.", 7,
            new AdoptionMatchRequest(new DateOnly(2025, 1, 15), 2, "MF", "L11", true, Id(106))),
        Write("uasc-status", "postUascStatus", "The child's UASC status changed",
            "Whether the child is an unaccompanied asylum-seeking child, from the date given (903 UASC table).", 8,
            new UascStatusRequest(new DateOnly(2025, 2, 1), true, UascEvent)),
        Write("retractions", "postRetraction", "An event was recorded by mistake",
            "Takes the event with `retractedEventId` out of the history (it stays stored, marked retracted). The history "
            + "without it must still hold together: retract later events first, latest first. Then post the right fact.", 9,
            new RetractionRequest(UascEvent, "Recorded against the wrong child.", Id(108))),
        Write("adoption-decision-reversals", "postAdoptionDecisionReversal", "The adoption decision was reversed",
            "Closes the open PlacedAdoption row with REASON_PLACED_CEASED.", 10,
            new AdoptionDecisionReversalRequest(new DateOnly(2025, 3, 1), "RD1", Id(109))),
        Write("ceased-care", "postCeasedCare", "The child stopped being looked after",
            "Ends the period of care with 903 REC. Placements publishes the end to the other services.", 11,
            new CeasedCareRequest(new DateOnly(2025, 6, 30), "E4A", Id(110))),
        Write("social-workers/end", "postSocialWorkerEnd", "The child's social worker stopped working with the child",
            "Ends the open SWEpisodes row without a successor.", 12, new SocialWorkerEndRequest(new DateOnly(2025, 6, 30), "OTHERS", Id(111))),

        Write("header", "postHeaderChange", "The child's UPN, MOTHER or MC_DOB changed",
            "From `date`, each of `upn`, `mother` and `motherChildDateOfBirth` given replaces the value held since the entry to care "
            + "(a UPN learnt later, a girl who became a mother); one left out is unchanged. Held to the entry's rules (903 rules 165, "
            + "MC_DOB after the girl's birth and only for a mother). The 903 header shows the latest values.", 13,
            new CareTracking.Placements.Children.ChangingHeader.HeaderChangeRequest(new DateOnly(2025, 7, 1), Upn: "A123456789012", EventId: Id(112))),

        Read("", "getChild", "The child's care as it stands", "Whether the child is looked after, the current placement and legal status, and the child's details.",
            typeof(CurrentState)),
        Read("/episodes", "getChildEpisodes", "The child's 903 episodes", "The 903 Episodes rows derived from the history (retracted events left out).",
            typeof(IReadOnlyList<EpisodeRow>)),
        Read("/history", "getChildHistory", "The child's recorded events", "Every event in the order recorded, with its id (for a retraction) and whether it was retracted.",
            typeof(IReadOnlyList<HistoryEntry>)),
        Read("/permanence", "getChildPermanence", "The child's adoption and social-worker rows", "The 903 PlacedAdoption, AD1, SWEpisodes and PrevPerm rows.",
            typeof(PermanenceView)),
    ];

    public override IReadOnlyList<CodeField> CodeFields =>
    [
        CodeField.Of<EnteredCareRequest>("legalStatus", "903 LS, legal status", Codes903.Of(CodeList.LegalStatus)),
        CodeField.Of<EnteredCareRequest>("categoryOfNeed", "903 CIN, category of need", Codes903.Of(CodeList.CategoryOfNeed)),
        CodeField.Of<Placement>("type", "903 PLACE, placement type", Codes903.Of(CodeList.PlacementType)),
        CodeField.Of<Placement>("provider", "903 PLACE_PROVIDER, who provides the placement", Codes903.Of(CodeList.PlacementProvider)),
        CodeField.Of<ChildDetails>("sex", "903 SEX", Codes903.Of(CodeList.Sex)),
        CodeField.Of<ChildDetails>("ethnicity", "903 ETHNIC", Codes903.Of(CodeList.Ethnicity)),
        CodeField.Of<PeriodEnd>("reason", "903 REC, reason the episode ceased", Codes903.Of(CodeList.ReasonEpisodeCeased)),
        CodeField.Of<LegalStatusChangeRequest>("legalStatus", "903 LS, legal status", Codes903.Of(CodeList.LegalStatus)),
        CodeField.Of<PlacementMoveRequest>("legalStatus", "903 LS, legal status (when it changes the same day)", Codes903.Of(CodeList.LegalStatus)),
        CodeField.Of<PlacementMoveRequest>("reason", "903 REASON_PLACE_CHANGE, why the placement ended", Codes903.Of(CodeList.ReasonPlaceChange)),
        CodeField.Of<CeasedCareRequest>("reason", "903 REC, reason the episode ceased", Codes903.Of(CodeList.ReasonEpisodeCeased)),
        CodeField.Of<AdoptionDecisionReversalRequest>("reason", "903 REASON_PLACED_CEASED", PermanenceCodes.ReversalReasons),
        CodeField.Of<AdoptionMatchRequest>("adopterSex", "903 SEX_ADOPTR (M1, F1: one adopter; MM, FF, MF: a couple)", [.. PermanenceCodes.AdopterSexes.Keys]),
        CodeField.Of<AdoptionMatchRequest>("adopterLegalStatus", "903 LS_ADOPTR (L0: single; the others: a couple)", [.. PermanenceCodes.AdopterLegalStatuses.Keys]),
        CodeField.Of<SocialWorkerRequest>("reason", "903 SW_REASON, why the social worker changed", PermanenceCodes.SocialWorkerReasons),
        CodeField.Of<SocialWorkerEndRequest>("reason", "903 SW_REASON", PermanenceCodes.SocialWorkerReasons),
        CodeField.Of<PreviousPermanence>("option", "903 PREV_PERM: P1 adoption, P2 special guardianship order, P3 residence or child arrangements order, P4 unknown, Z1 none",
            [.. PermanenceCodes.PreviousPermanenceOptions.Order()]),
    ];

    private static Guid Id(int n) => Guid.Parse($"0197a3c0-0000-7000-8000-000000000{n:000}");

    private static OperationDoc Write(string path, string id, string summary, string description, int order, object example) =>
        new("POST", $"{Children}/{path}", id, summary, description)
        {
            Example = example, PathExamples = ChildPath, Returns = typeof(CommandAnswer), Versioned = true, Order = order,
        };

    private static OperationDoc Read(string path, string id, string summary, string description, Type returns) =>
        new("GET", Children + path, id, summary, description)
        {
            PathExamples = ChildPath, Returns = returns, Versioned = true, AlsoAnswers = [404],
        };
}
