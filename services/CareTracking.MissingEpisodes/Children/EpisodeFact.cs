namespace CareTracking.MissingEpisodes.Children;

/// <summary>A report or a return in the child's episode index, with the care note that was last in Placements'
/// order when the service recorded it (null when none had been noted): where it stands among Placements'
/// messages, for <see cref="Episodes.ClosingAtEndOfCare.EndOfCareInPlacementsOrder"/>.</summary>
public sealed record EpisodeFact(Guid? AfterNote, MissingChildEvent Noted);
