using CareTracking.Ssda903.CareLeavers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareTracking.LeavingCare.Tests.CareLeavers;

public class Oc3Properties
{
    private static readonly DateOnly Birthday = new(2025, 5, 31);

    private static readonly Arbitrary<CareLeaverContact[]> Contacts = Arb.From(
        from count in Gen.Choose(0, 8)
        from offsets in Gen.ListOf(Gen.Choose(-150, 60), count)
        select offsets.Distinct().Select(o => new CareLeaverContact(Birthday.AddDays(o), "YES", "F2", "D1")).ToArray());

    [Property(MaxTest = 2000)]
    public Property the_chosen_contact_is_in_the_window_and_none_in_it_is_nearer_the_birthday() =>
        Prop.ForAll(Contacts, contacts =>
        {
            // 31 May 2025: the window is 28 February (no 31st) to 30 June.
            var (from, to) = Oc3.WindowAround(Birthday);
            var inWindow = contacts.Where(c => c.Date >= from && c.Date <= to).ToList();
            var chosen = Oc3.NearestContact(contacts, Birthday);
            int Distance(CareLeaverContact c) => Math.Abs(c.Date.DayNumber - Birthday.DayNumber);
            return (from, to) == (new DateOnly(2025, 2, 28), new DateOnly(2025, 6, 30))
                && (chosen is null
                    ? inWindow.Count == 0
                    : inWindow.Contains(chosen) && inWindow.All(c => Distance(c) > Distance(chosen) || (Distance(c) == Distance(chosen) && c.Date <= chosen.Date)));
        });
}
