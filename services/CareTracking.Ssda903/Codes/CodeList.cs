namespace CareTracking.Ssda903.Codes;

/// <summary>The 903 code lists the services validate, named by their 903 field.</summary>
public enum CodeList
{
    /// <summary>RNE: reason for new episode.</summary>
    ReasonNewEpisode,
    /// <summary>LS: legal status.</summary>
    LegalStatus,
    /// <summary>CIN: category of need.</summary>
    CategoryOfNeed,
    /// <summary>PLACE (XML tag PL): placement type.</summary>
    PlacementType,
    /// <summary>PLACE_PROVIDER: who provides the placement.</summary>
    PlacementProvider,
    /// <summary>REC: reason an episode ceased.</summary>
    ReasonEpisodeCeased,
    /// <summary>REASON_PLACE_CHANGE: why a placement ended (recorded against the ending episode).</summary>
    ReasonPlaceChange,
    /// <summary>SEX, as the API speaks it (M/F/U).</summary>
    Sex,
    /// <summary>ETHNIC: ethnicity.</summary>
    Ethnicity,
}
