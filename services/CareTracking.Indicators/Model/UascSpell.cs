namespace CareTracking.Indicators.Model;

/// <summary>
/// A spell as an unaccompanied asylum-seeking child: from the day the status was recorded as applying
/// until DUC, the date the status ceased.
/// </summary>
public sealed record UascSpell(DateOnly From, DateOnly? Ceased);
