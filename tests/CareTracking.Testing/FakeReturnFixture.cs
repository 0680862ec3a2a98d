using Xunit;

namespace CareTracking.Testing;

/// <summary>
/// The fake SSDA903 return files the importer reads, kept in the repository (tests/fixtures/ssda903-fake, copied
/// from the team's shared fixtures with their origin and licence in its README), so a fresh clone tests alone.
/// A missing folder fails the test, naming the folder.
/// </summary>
public static class FakeReturnFixture
{
    public static string Folder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CareTracking.sln"))) root = root.Parent;
        Assert.True(root is not null, $"no CareTracking.sln in a folder above {AppContext.BaseDirectory}");
        var folder = Path.Combine(root!.FullName, "tests", "fixtures", "ssda903-fake");
        Assert.True(Directory.Exists(folder), $"the fake 903 return folder is missing: {folder}");
        return folder;
    }
}
