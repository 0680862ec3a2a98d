namespace CareTracking.Indicators.Returns.Tables;

/// <summary>OC2: children looked after continuously for 12 months at 31 March. Not produced yet: the health and offending facts (SDQ, health checks, immunisations, dental checks, substance misuse, convictions) reach Indicators from no service yet.</summary>
public sealed class Oc2Table() : NotYetProduced("oc2.csv", "OC2", ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
    "the health and offending facts (SDQ, health checks, immunisations, dental checks, substance misuse, convictions) reach Indicators from no service yet.");
