namespace TwoPiR.Testing;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root: the nearest folder above the test assembly holding TwoPiR.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of <paramref name="relativePath"/> inside the repository.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TwoPiR.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no TwoPiR.sln in any folder above {AppContext.BaseDirectory}");
    }
}
