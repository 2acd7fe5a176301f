using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>
/// The master-file parser (RFC 1035 §5) with BIND's semantics (Corpus/BIND-NOTES.md). Each test writes
/// its zone into a fresh zones folder as <c>example.com.zone</c>; messages name it <c>zones/example.com.zone</c>.
/// </summary>
public sealed partial class ZoneFileParserTests
{
    private const string ZoneFileName = "example.com.zone";
    private const string DisplayFile = "zones/example.com.zone";

    private static readonly byte[] s_origin = WireName.Of("example.com.");

    private TempDirectory _zones = null!;

    [SetUp]
    public void CreateZonesFolder() => _zones = new TempDirectory();

    [TearDown]
    public void DeleteZonesFolder() => _zones.Dispose();

    [Test]
    public void Parse_Records_AreReturnedInFileOrderWithTheirPlaces()
    {
        ZoneFileParser parser = Parse("$TTL 300\nb A 192.0.2.2\n\n  AAAA ::1\na A 192.0.2.1\n");

        Assert.That(parser.Records.Select(record => DnsName.ToText(record.Owner)), Is.EqualTo(new[] { "b.example.com.", "b.example.com.", "a.example.com." }));
        Assert.That(parser.Records.Select(record => record.Type), Is.EqualTo(new[] { RecordType.A, RecordType.AAAA, RecordType.A }));
        Assert.That(parser.Records.Select(record => record.Position), Is.EqualTo(new[]
        {
            new SourcePosition(DisplayFile, 2, 1),
            new SourcePosition(DisplayFile, 4, 3), // a blank owner: the entry starts at its first token
            new SourcePosition(DisplayFile, 5, 1),
        }));
    }

    [Test]
    public void Parse_ZoneFile_IsFingerprintedInFiles()
    {
        const string Text = "$TTL 300\na A 192.0.2.1\n";

        ZoneFileParser parser = Parse(Text);

        string path = Path.Combine(_zones.Path, ZoneFileName);
        Assert.That(parser.Files, Is.EqualTo(new[] { FileStamp.Of(path, System.Text.Encoding.UTF8.GetBytes(Text)) }));
        Assert.That(parser.Files[0], Is.EqualTo(FileStamp.Of(path)));
    }

    [Test]
    public void Parse_CleanFile_HasNoWarnings()
    {
        ZoneFileParser parser = Parse("$TTL 300\n@ SOA ns1 hostmaster 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\n");

        Assert.That(parser.Warnings, Is.Empty);
    }

    [Test]
    public void Parse_CommentsAndParenthesesAnywhere_GiveTheSameRecordsAsOneLine()
    {
        const string Spread = """
            $TTL 300 ; default
            @ IN SOA ns1 hostmaster ( ; names first
                     2024010101 ; serial
                     ; a comment-only line

                     7200 3600  ; refresh, retry
                     1209600    ; expire
                     300 )      ; minimum
              IN ( NS
                   ns1 ) ; the type inside parentheses
            ns1 IN A 192.0.2.1;no space before the comment

            """;
        const string OneLine = "$TTL 300\n@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300\n IN NS ns1\nns1 IN A 192.0.2.1\n";

        IReadOnlyList<ZoneRecord> spread = Parse(Spread).Records;
        IReadOnlyList<ZoneRecord> oneLine = Parse(OneLine).Records;

        Assert.That(spread.Select(record => (Hex(record.Owner), record.Type, record.Ttl, Hex(record.Data))), Is.EqualTo(
            oneLine.Select(record => (Hex(record.Owner), record.Type, record.Ttl, Hex(record.Data)))));
        Assert.That(spread.Select(record => record.Position.Line), Is.EqualTo(new[] { 2, 9, 11 }));
    }

    /// <summary>Writes <paramref name="text"/> as the zone file and parses it as zone example.com.</summary>
    private ZoneFileParser Parse(string text)
    {
        _zones.Write(ZoneFileName, text);
        ZoneFileParser parser = new(_zones.Path, "zones", s_origin);
        parser.Parse(ZoneFileName);
        return parser;
    }

    /// <summary>Parses a zone whose first line is <c>$TTL 300</c>, followed by <paramref name="lines"/>.</summary>
    private ZoneFileParser ParseWithTtl(string lines) => Parse("$TTL 300\n" + lines + "\n");

    /// <summary>Parses one record (after <c>$TTL 300</c>) and returns it.</summary>
    private ZoneRecord ParseOne(string line)
    {
        IReadOnlyList<ZoneRecord> records = ParseWithTtl(line).Records;
        Assert.That(records, Has.Count.EqualTo(1));
        return records[0];
    }

    private ZoneFileException ParseError(string text) => Assert.Throws<ZoneFileException>(() => Parse(text))!;

    private static string Hex(byte[] data) => Convert.ToHexString(data);
}
