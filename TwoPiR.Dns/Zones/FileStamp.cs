namespace TwoPiR.Dns.Zones;

/// <summary>A file's content fingerprint, to tell whether a zone needs reading again.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Length">The content length; -1 when the file could not be read.</param>
/// <param name="Hash">A 64-bit FNV-1a hash of the content.</param>
/// <remarks>
/// Not a cryptographic hash: it only has to notice edits, and leaving the crypto library out keeps
/// a few megabytes off the server's footprint on a Pi.
/// </remarks>
internal readonly record struct FileStamp(string Path, long Length, ulong Hash)
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The stamp of a file that could not be read.</summary>
    public static FileStamp Unreadable(string path) => new(path, -1, 0);

    /// <summary>Fingerprints the file at <paramref name="path"/> as it is now.</summary>
    public static FileStamp Of(string path)
    {
        try
        {
            return Of(path, File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path);
        }
    }

    /// <summary>Fingerprints content already read.</summary>
    public static FileStamp Of(string path, ReadOnlySpan<byte> content)
    {
        ulong hash = OffsetBasis;
        foreach (byte octet in content)
        {
            hash = (hash ^ octet) * Prime;
        }

        return new FileStamp(path, content.Length, hash);
    }
}
