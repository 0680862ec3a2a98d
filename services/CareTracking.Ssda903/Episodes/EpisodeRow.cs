namespace CareTracking.Ssda903.Episodes;

/// <summary>
/// One row of the 903 Episodes table: a span with one legal status and one placement.
/// <see cref="Dec"/> and <see cref="Rec"/> are empty while the episode is open; REC X1 means the next
/// episode began the same day. <see cref="ReasonPlaceChange"/> is recorded against the episode that ends
/// with the move. <see cref="PlLa"/> (PL_LA) and <see cref="PlDistance"/> (PL_DISTANCE, miles, 999.9 unknown)
/// are those recorded with the placement; null when none was.
/// </summary>
public sealed record EpisodeRow(
    DateOnly Decom,
    string Rne,
    string Ls,
    string Cin,
    string Place,
    string? PlaceProvider,
    DateOnly? Dec,
    string? Rec,
    string? ReasonPlaceChange,
    string? HomePost,
    string? PlPost,
    string? Urn,
    string? PlLa = null,
    decimal? PlDistance = null);
