namespace CareTracking.Indicators.Returns.Tables;

/// <summary>OC3: care leavers with their 17th to 21st birthday in the year. Not produced yet: the care leavers' contact, activity and accommodation facts reach Indicators from no service yet.</summary>
public sealed class Oc3Table() : NotYetProduced("oc3.csv", "OC3", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "the care leavers' contact, activity and accommodation facts reach Indicators from no service yet.");
