namespace TwoPiR.Testing;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder, optionally filled with a copy of <paramref name="copyFrom"/>.</summary>
    public TempDirectory(string? copyFrom = null)
    {
        Path = Directory.CreateTempSubdirectory("twopir-test-").FullName;
        if (copyFrom is not null)
        {
            foreach (string file in Directory.EnumerateFiles(copyFrom, "*", SearchOption.AllDirectories))
            {
                string target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(copyFrom, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> inside the folder.</summary>
    /// <returns>The file's full path.</returns>
    public string Write(string name, string content)
    {
        string file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
