namespace CareTracking.IntegrationTests.Missing;

public static class MissingRequests
{
    /// <summary>Placements' entered-care post for a child placed in a given postcode.</summary>
    public static object EnteredCare(string date, string postcode, string sex = "F", string dateOfBirth = "2010-06-15") => new
    {
        date,
        legalStatus = "C2",
        categoryOfNeed = "N1",
        placement = new { type = "U4", provider = "PR1", postcode, urn = "SC123456" },
        homePostcode = postcode,
        child = new { sex, dateOfBirth, ethnicity = "WBRI", uasc = false },
    };

    public static object Report(string childId, DateTimeOffset lastSeenAt, string kind = "M", string riskLevel = "medium",
        bool criminal = false, bool sexual = false, Guid? episodeId = null, Guid? eventId = null, string? policeReference = "DY-0042") => new
        {
            episodeId,
            childId,
            kind,
            lastSeenAt,
            reportedAt = lastSeenAt.AddMinutes(40),
            riskLevel,
            policeReference,
            exploitationRisk = new { criminal, sexual },
            eventId,
        };

    /// <summary>A report recorded after the child was already back: the report and its return in one post.</summary>
    public static object ReportAfterReturn(string childId, DateTimeOffset lastSeenAt, DateTimeOffset returnedAt, string? foundArea = null,
        Guid? eventId = null) => new
        {
            childId,
            kind = "M",
            lastSeenAt,
            reportedAt = lastSeenAt,
            riskLevel = "medium",
            exploitationRisk = new { criminal = false, sexual = false },
            returnedAt,
            foundArea,
            eventId,
        };

    public static object Return(DateTimeOffset returnedAt, string? foundArea = null, Guid? eventId = null) => new { returnedAt, foundArea, eventId };
}
