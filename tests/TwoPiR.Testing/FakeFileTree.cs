namespace TwoPiR.Testing;

/// <summary>Files, folders and symbolic links of one file system: a node's own, or a Gluster volume's.</summary>
internal sealed class FakeFileTree
{
    /// <summary>File contents by absolute path.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Folders by absolute path; <c>/</c> always exists.</summary>
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal) { "/" };

    /// <summary>Symbolic links: the link's path and what it points at.</summary>
    public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether anything (file, folder, link) is at <paramref name="path"/> itself, links not followed.</summary>
    public bool HasEntry(string path) => Files.ContainsKey(path) || Directories.Contains(path) || Links.ContainsKey(path);

    /// <summary>The folder <paramref name="path"/> is in: <c>/a/b</c> gives <c>/a</c>, <c>/a</c> gives <c>/</c>.</summary>
    public static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>Makes <paramref name="path"/> and every folder above it, as <c>mkdir -p</c>.</summary>
    public void MakeDirectories(string path)
    {
        for (string folder = path; folder != "/"; folder = Parent(folder))
        {
            Directories.Add(folder);
        }
    }

    /// <summary>Removes <paramref name="path"/> and, for a folder, everything below it.</summary>
    public void Remove(string path)
    {
        Files.Remove(path);
        Links.Remove(path);
        Directories.Remove(path);
        string prefix = path + "/";
        foreach (string below in Files.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            Files.Remove(below);
        }

        Directories.RemoveWhere(key => key.StartsWith(prefix, StringComparison.Ordinal));
        foreach (string below in Links.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            Links.Remove(below);
        }
    }
}
