using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Provision.Zones;

/// <summary>
/// Reads and rewrites the site's address records in a zone file, with TwoPiR.Dns's own parser so
/// the result is exactly what the server will load. A rewrite replaces the owner's A and AAAA lines,
/// bumps the SOA serial, and keeps every other byte of the file; it is re-parsed and compared with the
/// original before it replaces it, atomically.
/// </summary>
internal sealed class SiteRecords
{
    private readonly string _path;
    private readonly string _directory;
    private readonly string _fileName;
    private readonly byte[] _origin;
    private readonly byte[] _owner;

    /// <summary>Prepares to edit <paramref name="path"/> (named <c>ORIGIN.zone</c>) for the owner <paramref name="recordName"/>.</summary>
    /// <param name="path">The zone file.</param>
    /// <param name="recordName">Relative to the origin (<c>twopir</c>), or absolute with a trailing dot.</param>
    public SiteRecords(string path, string recordName)
    {
        _path = path;
        _directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        _fileName = Path.GetFileName(path);
        if (!_fileName.EndsWith(ZoneFile.Extension, StringComparison.Ordinal))
        {
            throw new ZoneFileException(path, 1, 1, $"a zone file is named after its origin, e.g. example.com{ZoneFile.Extension}");
        }

        string origin = _fileName[..^ZoneFile.Extension.Length];
        _origin = DnsName.FromHostName(origin);
        _owner = DnsName.FromHostName(recordName.EndsWith('.') ? recordName : recordName + "." + origin);
        if (!DnsName.IsAtOrBelow(_owner, _origin))
        {
            throw new ZoneFileException(path, 1, 1, $"the record name {recordName} is not inside the zone {origin}");
        }
    }

    /// <summary>The owner as the zone file will say it, fully qualified.</summary>
    public string Owner => DnsName.ToText(_owner);

    /// <summary>The addresses the zone now holds for the owner, and its serial.</summary>
    /// <exception cref="ZoneFileException">The file does not load; the message names file:line:column.</exception>
    public (IReadOnlyList<IPAddress> Addresses, uint Serial) Read()
    {
        IReadOnlyList<ZoneRecord> records = Parse(_fileName);
        return ([.. records.Where(IsSiteAddress).Select(AddressOf)], SerialOf(Soa(records)));
    }

    /// <summary>Replaces the owner's address records with <paramref name="addresses"/> and bumps the serial.</summary>
    /// <returns>The new serial.</returns>
    /// <exception cref="ZoneFileException">The file does not load, or cannot be edited safely (the message says why).</exception>
    public uint Write(IReadOnlyList<IPAddress> addresses, uint ttl, DateOnly today)
    {
        IReadOnlyList<ZoneRecord> before = Parse(_fileName);
        byte[] text = File.ReadAllBytes(_path);
        uint serial = NextSerial(SerialOf(Soa(before)), today);
        text = ReplaceSerial(text, Soa(before), serial);
        text = ReplaceAddressLines(text, before, addresses, ttl);

        string candidate = _fileName + ".twopir-new";
        string candidatePath = Path.Combine(_directory, candidate);
        File.WriteAllBytes(candidatePath, text);
        try
        {
            CheckOnlyTheSiteChanged(before, Parse(candidate), addresses, serial);
            File.Move(candidatePath, _path, overwrite: true);
        }
        finally
        {
            File.Delete(candidatePath);
        }

        return serial;
    }

    /// <summary>The record type that holds <paramref name="address"/>: AAAA for IPv6, A for IPv4.</summary>
    public static string TypeOf(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "AAAA" : "A";

    /// <summary>The serial after <paramref name="serial"/>: a date serial (YYYYMMDDnn) moves to today when it is behind.</summary>
    public static uint NextSerial(uint serial, DateOnly today)
    {
        uint dated = (uint)(((today.Year * 100) + today.Month) * 100 + today.Day) * 100;
        bool looksDated = serial is >= 1970_01_01_00 and <= 2099_12_31_99;
        // RFC 1982 serial arithmetic: +1 wraps past 2^32 - 1, which secondaries still read as newer.
        return looksDated && dated > serial ? dated : unchecked(serial + 1);
    }

    private IReadOnlyList<ZoneRecord> Parse(string fileName) => ZoneFile.Read(_directory, fileName, _origin, []).Records;

    private bool IsSiteAddress(ZoneRecord record) =>
        record.Type is RecordType.A or RecordType.AAAA && DnsName.EqualsIgnoreCase(record.Owner, _owner);

    private static IPAddress AddressOf(ZoneRecord record) => new(record.Data);

    private ZoneRecord Soa(IReadOnlyList<ZoneRecord> records) =>
        records.FirstOrDefault(record => record.Type == RecordType.SOA && DnsName.EqualsIgnoreCase(record.Owner, _origin));

    // RFC 1035 §3.3.13: MNAME, RNAME, then SERIAL as a 32-bit number.
    private static int SerialOffset(byte[] soa)
    {
        DnsName.TryGetLength(soa, out int mname);
        DnsName.TryGetLength(soa.AsSpan(mname), out int rname);
        return mname + rname;
    }

    private static uint SerialOf(ZoneRecord soa) => BinaryPrimitives.ReadUInt32BigEndian(soa.Data.AsSpan(SerialOffset(soa.Data)));

    // The serial is the third token after "SOA" in the SOA's entry, which may span lines in parentheses.
    private byte[] ReplaceSerial(byte[] text, ZoneRecord soa, uint serial)
    {
        if (!soa.Position.File.EndsWith(_fileName, StringComparison.Ordinal))
        {
            throw new ZoneFileException(soa.Position.File, soa.Position.Line, soa.Position.Column, "the SOA record comes from an $INCLUDE file; edit the serial there by hand");
        }

        ZoneFileLexer lexer = new(text, _path);
        List<ZoneToken> tokens = [];
        while (lexer.TryReadEntry(tokens, out _))
        {
            int type = tokens.FindIndex(token => Ascii.EqualsIgnoreCase(lexer.TextOf(token), "SOA"u8));
            if (type >= 0 && type + 3 < tokens.Count && tokens[0].Position.Line <= soa.Position.Line && tokens[type].Position.Line >= soa.Position.Line)
            {
                ZoneToken old = tokens[type + 3];
                byte[] replacement = Encoding.ASCII.GetBytes(serial.ToString(CultureInfo.InvariantCulture));
                return [.. text.AsSpan(0, old.Start), .. replacement, .. text.AsSpan(old.Start + old.Length)];
            }
        }

        throw new ZoneFileException(soa.Position.File, soa.Position.Line, soa.Position.Column, "cannot find the SOA serial to bump; edit it by hand");
    }

    private byte[] ReplaceAddressLines(byte[] text, IReadOnlyList<ZoneRecord> records, IReadOnlyList<IPAddress> addresses, uint ttl)
    {
        List<string> lines = [.. Encoding.UTF8.GetString(text).Split('\n')];
        List<int> old = [.. records.Where(IsSiteAddress).Select(record => record.Position.Line - 1).Distinct().Order()];
        foreach (ZoneRecord record in records.Where(IsSiteAddress))
        {
            SourcePosition at = record.Position;
            if (!at.File.EndsWith(_fileName, StringComparison.Ordinal) || lines[at.Line - 1].Contains('(', StringComparison.Ordinal))
            {
                throw new ZoneFileException(at.File, at.Line, at.Column, $"the {record.Type} record of {Owner} is in an $INCLUDE file or spans lines; "
                    + "write it on one line in the zone file itself so it can be replaced");
            }
        }

        int insertAt = old.Count > 0 ? old[0] : lines.Count - (lines[^1].Length == 0 ? 1 : 0);
        for (int i = old.Count - 1; i >= 0; i--)
        {
            lines.RemoveAt(old[i]);
        }

        lines.InsertRange(insertAt, addresses.Select(address => $"{Owner}\t{ttl}\tIN\t{TypeOf(address)}\t{address}"));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    // Entries without an owner (or, with no $TTL, without a TTL) inherit the previous one's, so removing a line can silently move a record
    // to another name. Comparing the parses catches that, and any other surprise, before the file is replaced.
    private void CheckOnlyTheSiteChanged(IReadOnlyList<ZoneRecord> before, IReadOnlyList<ZoneRecord> after, IReadOnlyList<IPAddress> addresses, uint serial)
    {
        static string Key(ZoneRecord record) =>
            $"{DnsName.ToText(record.Owner).ToLowerInvariant()} {record.Type} {record.Ttl} {Convert.ToHexString(record.Data)}";

        List<string> kept = [.. before.Where(record => !IsSiteAddress(record) && record.Type != RecordType.SOA).Select(Key).Order(StringComparer.Ordinal)];
        List<string> now = [.. after.Where(record => !IsSiteAddress(record) && record.Type != RecordType.SOA).Select(Key).Order(StringComparer.Ordinal)];
        HashSet<IPAddress> written = [.. after.Where(IsSiteAddress).Select(AddressOf)];
        if (!kept.SequenceEqual(now, StringComparer.Ordinal) || !written.SetEquals(addresses) || SerialOf(Soa(after)) != serial)
        {
            throw new ZoneFileException(_path, 1, 1, $"replacing the address lines of {Owner} would change other records: "
                + "a line after them without an owner or a TTL inherits those from the line before it. Give such lines an explicit owner and TTL (or add $TTL), then run again");
        }
    }
}
