namespace CareTracking.IntegrationTests.Returns;

/// <summary>
/// A small 903 return for 2022/23 (the year ending 31 March 2023) that breaks no rule: three children, episodes
/// open in the year (one started before it and runs on), a legal status change, a move, an end of care, a UASC
/// status that ceased, reviews, a missing and an away episode, and the previous permanence of the two who started to be
/// looked after in the year. UPN is a number or its UN code; the girl's MOTHER
/// is 0 (MOTHER is asked of girls only, MC_DOB only of mothers).
/// </summary>
public static class CleanReturn
{
    public const int Year = 2023;

    public static readonly IReadOnlyDictionary<string, string[]> Files = new Dictionary<string, string[]>
    {
        ["header.csv"] =
        [
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
            "RT001,1,05/06/2010,WBRI,A123456789012,,",
            "RT002,2,01/02/2021,MWBC,UN1,0,",
            "RT003,1,20/03/2006,AOTH,UN2,,",
        ],
        ["episodes.csv"] =
        [
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
            "RT001,10/01/2022,S,C2,N1,U4,PR1,15/06/2022,X1,CARPL,DE1 1AA,DE22 3NE,SC123456",
            "RT001,15/06/2022,P,C2,N1,U6,PR4,,,,DE1 1AA,DE3 9AB,SC234567",
            "RT002,01/05/2022,S,V2,N4,U6,PR1,20/09/2022,X1,,NG1 1AA,NG5 2CD,SC345678",
            "RT002,20/09/2022,L,C1,N4,U6,PR1,15/02/2023,E4A,,NG1 1AA,NG5 2CD,SC345678",
            "RT003,10/07/2022,S,V2,N8,K2,PR4,,,,LE1 1AA,LE2 7EF,SC456789",
        ],
        ["uasc.csv"] =
        [
            "CHILD,SEX,DOB,DUC",
            "RT003,1,20/03/2006,01/12/2022",
        ],
        ["missing.csv"] =
        [
            "CHILD,DOB,MISSING,MIS_START,MIS_END",
            "RT001,05/06/2010,M,01/08/2022,03/08/2022",
            "RT003,20/03/2006,A,05/10/2022,06/10/2022",
        ],
        ["reviews.csv"] =
        [
            "CHILD,DOB,REVIEW,REVIEW_CODE",
            "RT001,05/06/2010,10/05/2022,PN1",
            "RT001,05/06/2010,10/11/2022,PN1",
            "RT002,01/02/2021,29/05/2022,PN0",
            "RT002,01/02/2021,10/11/2022,PN0",
        ],
        // The two children who started to be looked after in the year (rule 630); RT003's special guardianship order
        // is known to the month only.
        ["previous_permanence.csv"] =
        [
            "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
            "RT002,01/02/2021,Z1,,",
            "RT003,20/03/2006,P2,831,zz/05/2019",
        ],
    };

    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, lines) in Files) File.WriteAllLines(Path.Combine(folder, file), lines);
        return folder;
    }
}
