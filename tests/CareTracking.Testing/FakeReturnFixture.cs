using Xunit;

namespace CareTracking.Testing;

/// <summary>
/// The fake SSDA903 return files (../shared/fixtures/ssda903-fake beside the repository root). From a git
/// worktree the folder beside the main checkout is used. A missing folder fails the test, naming the folder.
/// </summary>
public static class FakeReturnFixture
{
    public static string Folder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CareTracking.sln"))) root = root.Parent;
        Assert.True(root is not null, $"no CareTracking.sln in a folder above {AppContext.BaseDirectory}");

        var candidates = new List<string> { Beside(root!.FullName) };
        var dotGit = Path.Combine(root.FullName, ".git");
        if (File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var line && line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            // gitdir: <main checkout>/.git/worktrees/<name>
            var mainCheckout = Path.GetFullPath(Path.Combine(line["gitdir:".Length..].Trim(), "..", "..", ".."));
            candidates.Add(Beside(mainCheckout));
        }
        var found = candidates.FirstOrDefault(Directory.Exists);
        Assert.True(found is not null, $"the fake 903 return folder is missing: {string.Join(" or ", candidates)}");
        return found!;
    }

    private static string Beside(string root) => Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures", "ssda903-fake"));
}
