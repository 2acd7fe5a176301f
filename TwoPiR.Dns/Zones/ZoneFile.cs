using System.Text;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>Loads one zone from the zones folder: the file <c>ORIGIN.zone</c>, and what it includes.</summary>
internal static class ZoneFile
{
    /// <summary>The file name suffix of zone files; other files in the folder are only read through $INCLUDE.</summary>
    public const string Extension = ".zone";

    /// <summary>Parses and checks the zone in <paramref name="fileName"/>.</summary>
    /// <param name="directory">The zones folder.</param>
    /// <param name="fileName">The zone file's name inside it, e.g. <c>example.com.zone</c>.</param>
    /// <param name="filesRead">Receives every file read, even when loading fails, so a fix to any of them is noticed.</param>
    /// <exception cref="ZoneFileException">The zone cannot be served; the message says where and why.</exception>
    public static LoadedZone Load(string directory, string fileName, List<FileStamp> filesRead) =>
        Read(directory, fileName, OriginOf(fileName, Path.Combine(directory, fileName)), filesRead).Zone;

    /// <summary>Parses and checks the zone in <paramref name="fileName"/> as the zone <paramref name="origin"/>, keeping the records as read.</summary>
    /// <param name="directory">The zones folder.</param>
    /// <param name="fileName">A file inside it; its name need not be the origin's (the provisioner checks an edited copy).</param>
    /// <param name="origin">The zone's apex in wire form.</param>
    /// <param name="filesRead">Receives every file read, even when loading fails.</param>
    /// <returns>The checked zone, and its records in file order with their places.</returns>
    /// <exception cref="ZoneFileException">The zone cannot be served; the message says where and why.</exception>
    public static (LoadedZone Zone, IReadOnlyList<ZoneRecord> Records) Read(string directory, string fileName, byte[] origin, List<FileStamp> filesRead)
    {
        string display = Path.Combine(directory, fileName);
        ZoneFileParser parser = new(directory, directory, origin);
        try
        {
            parser.Parse(fileName);
        }
        finally
        {
            filesRead.AddRange(parser.Files);
        }

        List<string> warnings = [.. parser.Warnings];
        ZoneBuilder builder = new(origin, display, warnings);
        foreach (ZoneRecord record in parser.Records)
        {
            builder.Add(record);
        }

        return (new LoadedZone(builder.Build(), warnings, parser.Files), parser.Records);
    }

    /// <summary>The zone's origin is its file name without <c>.zone</c>: <c>example.com.zone</c> holds <c>example.com.</c>.</summary>
    private static byte[] OriginOf(string fileName, string display)
    {
        string origin = fileName[..^Extension.Length].TrimEnd('.');
        List<byte> wire = [];
        foreach (string label in origin.Split('.'))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(label);
            if (bytes.Length is 0 or > DnsName.MaxLabelLength)
            {
                throw new ZoneFileException(display, 1, 1, $"the file name must be the zone's origin followed by {Extension}, e.g. example.com{Extension}");
            }

            wire.Add((byte)bytes.Length);
            wire.AddRange(bytes);
        }

        wire.Add(0);
        return wire.Count <= DnsName.MaxLength
            ? [.. wire]
            : throw new ZoneFileException(display, 1, 1, "the origin in the file name is longer than 255 octets");
    }
}
