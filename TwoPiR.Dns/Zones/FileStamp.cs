using System.Security.Cryptography;

namespace TwoPiR.Dns.Zones;

/// <summary>A file's content fingerprint, to tell whether a zone needs reading again.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Hash">The SHA-256 of the content, in hex; empty when the file could not be read.</param>
internal readonly record struct FileStamp(string Path, string Hash)
{
    /// <summary>Fingerprints the file at <paramref name="path"/> as it is now.</summary>
    public static FileStamp Of(string path)
    {
        try
        {
            return new FileStamp(path, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileStamp(path, string.Empty);
        }
    }

    /// <summary>Fingerprints content already read.</summary>
    public static FileStamp Of(string path, ReadOnlySpan<byte> content) => new(path, Convert.ToHexString(SHA256.HashData(content)));
}
