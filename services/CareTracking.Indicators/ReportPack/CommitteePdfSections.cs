namespace CareTracking.Indicators.ReportPack;

/// <summary>A committee measure as the report names it.</summary>
public sealed record ReportFigure(string Key, string Label);

/// <summary>A section of the committee report: its title and its figures, in the order the dashboard shows them.</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportFigure> Figures);

/// <summary>
/// What the committee PDF prints, section by section: the sections and labels of the dashboard (wwwroot/dashboard.js,
/// dashboard-health.js, adoption.js), so the paper and the page read alike.
/// </summary>
public static class CommitteePdfSections
{
    public static readonly IReadOnlyList<ReportFigure> Headlines =
    [
        new("cla", "Children looked after"),
        new("ratePer10k", "Rate per 10,000 children"),
        new("started", "Started to be looked after"),
        new("ceased", "Ceased to be looked after"),
        new("ceasedAdoptedPct", "Ceased through adoption"),
        new("threePlusPlacementsPct", "3 or more placements in the year"),
        new("longTermStabilityPct", "Long-term placement stability"),
        new("missingIncidents", "Missing incidents"),
        new("returnInterviewOfferedIn72hPct", "Return interview offered within 72 hours"),
        new("reviewsOnTimePct", "Reviews held on time"),
    ];

    /// <summary>The five-year trends, each beside England and the comparator.</summary>
    public static readonly IReadOnlyList<ReportFigure> Trends =
    [
        new("cla", "Children looked after at 31 March"),
        new("ratePer10k", "Children looked after per 10,000 children"),
        new("longTermStabilityPct", "Long-term placement stability (%)"),
        new("threePlusPlacementsPct", "Children with 3 or more placements in the year (%)"),
        new("missingIncidents", "Missing incidents in the year"),
        new("returnInterviewOfferedIn72hPct", "Return interview offered within 72 hours (%)"),
        new("careLeaversInTouchPct", "Care leavers in touch (%)"),
        new("adoptionA1Days3y", "A1, three-year average (days)"),
    ];

    public static readonly IReadOnlyList<ReportSection> Sections =
    [
        new("Placement", [
            new("placedOver20MilesPct", "Placed more than 20 miles from home"),
            new("placedOver20MilesUnknown", "Distance from home not known"),
            new("outOfAreaPct", "Placed outside the authority"),
            new("outOfAreaUnknown", "Area of placement not known or confidential"),
            new("placementMix.fosterRelativeFriend", "Foster: relative or friend"),
            new("placementMix.fosterOther", "Foster: other"),
            new("placementMix.placedForAdoption", "Placed for adoption"),
            new("placementMix.placedWithParents", "Placed with parents"),
            new("placementMix.secureChildrensHomes", "Secure units and children's homes"),
            new("placementMix.supportedIndependent", "Supported and independent living"),
            new("placementMix.otherResidential", "Other residential settings"),
            new("placementMix.residentialSchool", "Residential schools"),
            new("placementMix.other", "Other placements"),
            new("fosteringByProvider.inHouse", "Fostered with the authority's own carers"),
            new("fosteringByProvider.otherLa", "Fostered with another authority's carers"),
            new("fosteringByProvider.agency", "Fostered with agency carers"),
            new("fosteringByProvider.otherOrUnknown", "Fostered: other or not recorded"),
        ]),
        new("Missing from care", [
            new("missingIncidents", "Missing incidents"),
            new("childrenMissing", "Children who went missing"),
            new("awayIncidents", "Away-without-authorisation incidents"),
            new("childrenAway", "Children who were away"),
            new("returnInterviewOfferedIn72hPct", "Return interview offered within 72 hours"),
            new("returnInterviewCompletedPct", "Return interview completed"),
        ]),
        new("Reviews", [
            new("reviewsOnTimePct", "Reviews held on time"),
            new("iroAllocatedIn5DaysPct", "IRO allocated within 5 working days"),
            new("childParticipatedPct", "Child participated in the review (age 4+)"),
        ]),
        new("Health", [
            new("oc2Cohort", "Looked after for 12 months at 31 March (OC2)"),
            new("oc2HealthAssessmentPct", "Annual health assessment"),
            new("oc2ImmunisationsPct", "Immunisations up to date"),
            new("oc2DentalCheckPct", "Dental check"),
            new("oc2DevelopmentCheckPct", "Development check (under 5)"),
            new("sdqAverage", "Average SDQ score (lower is better)"),
            new("sdqScoredPct", "SDQ score recorded (aged 4–16)"),
            new("substanceMisusePct", "Substance misuse identified"),
            new("substanceMisuseInterventionOfferedPct", "Substance misuse: intervention offered"),
            new("substanceMisuseInterventionReceivedPct", "Substance misuse: intervention received"),
            new("convictedPct", "Convicted or cautioned (aged 10+)"),
            new("initialHealthAssessmentRequestedIn48hPct", "Initial health assessment requested within 48 hours"),
            new("initialHealthAssessmentIn20WorkingDaysPct", "Initial health assessment within 20 working days"),
            new("healthAssessmentsUpToDatePct", "Health assessments up to date at 31 March"),
            new("healthAssessmentsOverdue", "Health assessments overdue at 31 March"),
        ]),
        new("Care leavers", [
            new("oc3Cohort", "Care leavers with a 17th–21st birthday in the year (OC3)"),
            new("careLeaversInTouchPct", "In touch"),
            new("careLeaversEetPct", "In education, employment or training"),
            new("careLeaversSuitableAccommodationPct", "In suitable accommodation"),
            new("careLeaversStayingPutPct", "Staying put (aged 18–21)"),
            new("careLeaversWithPersonalAdviserPct", "With a personal adviser"),
        ]),
        new("Adoption and permanence", [
            new("adoptionA1Days", "A1: days from entering care to moving in with the adoptive family"),
            new("adoptionA1Days3y", "A1, three-year average"),
            new("adoptionA10Days", "A10: as A1, from moving in with foster carers who adopt"),
            new("adoptionA10Days3y", "A10, three-year average"),
            new("adoptionA2Days", "A2: days from court authority to place to the match"),
            new("adoptionA2Days3y", "A2, three-year average"),
            new("adoptionWithin426DaysPct", "Moved in with the adoptive family within 426 days"),
            new("adoptionMinorityEthnicPct", "A6: adopted children from Black and minority ethnic backgrounds"),
            new("adoptionAgedFivePlusPct", "A7: adopted aged 5 or over"),
            new("adoptions", "Children adopted"),
            new("specialGuardianshipOrders", "Special guardianship orders"),
            new("adoptionDecisions", "Decisions: should be placed for adoption"),
            new("adoptionMatches", "Matches with adopters"),
            new("adoptionDecisionNotPlaced", "Decision made, not yet placed, at 31 March"),
            new("adoptionDecisionNotPlacedAvgDays", "Average days waiting since the decision"),
            new("adoptionDecisionsReversed", "Decisions reversed"),
            new("socialWorkerThreePlusPct", "Children with 3 or more social workers in the year"),
            new("socialWorkerChangesPerChild", "Social-worker changes per child"),
            new("socialWorkerNoneAtAsAt", "Children without a social worker at 31 March"),
        ]),
    ];

    /// <summary>The label of a measure wherever the report prints it; the key itself for one no section names.</summary>
    public static string LabelOf(string key) =>
        Headlines.Concat(Sections.SelectMany(s => s.Figures)).FirstOrDefault(f => f.Key == key)?.Label ?? key;
}
