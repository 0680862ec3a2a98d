using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CareTracking.Import903.ReturnFiles;

/// <summary>A file of the return that cannot be read at all (missing, or a column missing): nothing is imported.</summary>
public sealed class ReturnFileUnreadable(string message) : Exception(message);

/// <summary>Reads the CSV layout of a 903 return from a folder. uasc.csv, the permanence files, oc2.csv, oc3.csv and previous_permanence.csv are optional; the others are required.</summary>
public static class ReturnReader
{
    public static ReturnRecords Read(string folder) => new(
        ReadFile(folder, ReturnFile.Header, required: true, (row, f) => new HeaderRecord(row, f("CHILD"), f("SEX"), f("DOB"), f("ETHNIC"),
            f("UPN?"), f("MOTHER?"), f("MC_DOB?"))),
        ReadFile(folder, ReturnFile.Episodes, required: true, (row, f) => new EpisodeRecord(row, f("CHILD"), f("DECOM"), f("RNE"), f("LS"),
            f("CIN"), f("PLACE"), f("PLACE_PROVIDER"), f("DEC"), f("REC"), f("REASON_PLACE_CHANGE"), f("HOME_POST"), f("PL_POST"), f("URN"))),
        ReadFile(folder, ReturnFile.Uasc, required: false, (row, f) => new UascRecord(row, f("CHILD"), f("DUC"))),
        ReadFile(folder, ReturnFile.Missing, required: true, (row, f) => new MissingRecord(row, f("CHILD"), f("MISSING"), f("MIS_START"), f("MIS_END"))),
        ReadFile(folder, ReturnFile.Reviews, required: true, (row, f) => new ReviewRecord(row, f("CHILD"), f("REVIEW"), f("REVIEW_CODE"))),
        new PermanenceRecords(
            ReadFile(folder, ReturnFile.PlacedAdoption, required: false, (row, f) => new PlacedAdoptionRecord(row, f("CHILD"), f("DATE_PLACED"),
                f("DATE_PLACED_CEASED"), f("REASON_PLACED_CEASED"))),
            ReadFile(folder, ReturnFile.Ad1, required: false, (row, f) => new Ad1Record(row, f("CHILD"), f("DATE_INT"), f("DATE_MATCH"),
                f("FOSTER_CARE"), f("NB_ADOPTR"), f("SEX_ADOPTR"), f("LS_ADOPTR"))),
            ReadFile(folder, ReturnFile.SocialWorkers, required: false, (row, f) => new SocialWorkerRecord(row, f("CHILD"), f("SW_ID"),
                f("SW_DECOM"), f("SW_DEC"), f("SW_REASON")))))
    {
        Oc2 = ReadFile(folder, ReturnFile.Oc2, required: false, (row, f) => new Oc2Record(row, f("CHILD"), f("DOB"), f("SDQ_SCORE"), f("SDQ_REASON"),
            f("CONVICTED"), f("HEALTH_CHECK"), f("IMMUNISATIONS"), f("TEETH_CHECK"), f("HEALTH_ASSESSMENT"), f("SUBSTANCE_MISUSE"),
            f("INTERVENTION_RECEIVED"), f("INTERVENTION_OFFERED"))),
        Oc3 = ReadFile(folder, ReturnFile.Oc3, required: false, (row, f) => new Oc3Record(row, f("CHILD"), f("DOB"), f("IN_TOUCH"), f("ACTIV"), f("ACCOM"))),
        PrevPerm = ReadFile(folder, ReturnFile.PrevPerm, required: false, (row, f) => new PrevPermRecord(row, f("CHILD"), f("DOB"), f("PREV_PERM"),
            f("LA_PERM"), f("DATE_PERM"))),
    };

    private static List<T> ReadFile<T>(string folder, string file, bool required, Func<RowRef, Func<string, string>, T> make)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
            return required ? throw new ReturnFileUnreadable($"{path} is missing.") : [];

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null };
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader()) throw new ReturnFileUnreadable($"{path} has no line of column names.");
        var columns = csv.HeaderRecord ?? [];
        var rows = new List<T>();
        var number = 0;
        while (csv.Read())
        {
            number++;
            // A column named with a trailing '?' is optional: "" when the file does not have it.
            rows.Add(make(new RowRef(file, number), column =>
                column.EndsWith('?') ? (columns.Contains(column[..^1]) ? csv.GetField(column[..^1]) ?? "" : "")
                : columns.Contains(column) ? csv.GetField(column) ?? "" : throw new ReturnFileUnreadable($"{path} has no column {column}.")));
        }
        return rows;
    }
}
