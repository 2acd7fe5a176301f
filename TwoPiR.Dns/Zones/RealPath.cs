namespace TwoPiR.Dns.Zones;

/// <summary>Resolves every symbolic link along a path, as realpath(3) does, so a containment check sees where a file really is.</summary>
internal static class RealPath
{
    // Linux gives up after 40 links (MAXSYMLINKS); so do we, rather than loop.
    private const int MaxLinks = 40;

    /// <summary>The absolute path of <paramref name="path"/> with no symbolic link left in it.</summary>
    /// <exception cref="IOException">The links loop, or go more than 40 deep.</exception>
    public static string Of(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string fullPath, ref int links)
    {
        string root = Path.GetPathRoot(fullPath)!;
        string current = root;
        foreach (string part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many levels of symbolic links at {next}");
                }

                next = Resolve(Path.GetFullPath(target, current), ref links);
            }

            current = next;
        }

        return current;
    }
}
