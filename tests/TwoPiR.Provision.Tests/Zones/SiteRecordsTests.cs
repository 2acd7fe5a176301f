using System.Diagnostics;
using System.Net;
using System.Text;
using TwoPiR.Dns.Zones;
using TwoPiR.Provision.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Provision.Tests.Zones;

[TestFixture]
public sealed class SiteRecordsTests
{
    private static readonly DateOnly s_today = new(2025, 6, 15);
    private static readonly IPAddress[] s_nodes = [IPAddress.Parse("192.0.2.11"), IPAddress.Parse("192.0.2.12")];

    // The site's lines sit between others, so the test sees that only they change.
    private const string Zone = """
        $TTL 3600
        @	IN	SOA	ns1.example.com. hostmaster.example.com. 7 7200 900 1209600 300
        @	IN	NS	ns1.example.com.
        ns1	IN	A	192.0.2.53
        twopir	30	IN	A	192.0.2.1
        twopir	30	IN	A	192.0.2.2
        www	IN	CNAME	twopir
        ; the end

        """;

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Read_Zone_OwnersAddressesAndSerial()
    {
        (IReadOnlyList<IPAddress> addresses, uint serial) = Records(Zone).Read();

        Assert.That(addresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2") }));
        Assert.That(serial, Is.EqualTo(7u));
    }

    [Test]
    public void Owner_RelativeName_FullyQualified()
    {
        Assert.That(Records(Zone).Owner, Is.EqualTo("twopir.example.com."));
    }

    [Test]
    public async Task Write_Zone_ReplacesOnlyTheOwnersLinesAndBumpsSerial()
    {
        SiteRecords records = Records(Zone);

        uint serial = records.Write(s_nodes, 30, s_today);

        Assert.That(serial, Is.EqualTo(8u));
        Assert.That(ZoneText(), Is.EqualTo("""
            $TTL 3600
            @	IN	SOA	ns1.example.com. hostmaster.example.com. 8 7200 900 1209600 300
            @	IN	NS	ns1.example.com.
            ns1	IN	A	192.0.2.53
            twopir.example.com.	30	IN	A	192.0.2.11
            twopir.example.com.	30	IN	A	192.0.2.12
            www	IN	CNAME	twopir
            ; the end

            """));
        Assert.That(records.Read(), Is.EqualTo((s_nodes, 8u)));
        await AssertBindAcceptsAsync();
        AssertNoLeftover();
    }

    [Test]
    public void Write_Twice_SameAddressesSerialBumpedAgain()
    {
        SiteRecords records = Records(Zone);
        records.Write(s_nodes, 30, s_today);
        string first = ZoneText();

        uint serial = records.Write(s_nodes, 30, s_today);

        Assert.That(serial, Is.EqualTo(9u));
        Assert.That(ZoneText(), Is.EqualTo(first.Replace(" 8 7200", " 9 7200", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Write_IPv6Address_Aaaa()
    {
        SiteRecords records = Records(Zone);

        records.Write([IPAddress.Parse("192.0.2.11"), IPAddress.Parse("2001:db8::12")], 60, s_today);

        Assert.That(ZoneText(), Does.Contain("twopir.example.com.\t60\tIN\tA\t192.0.2.11\ntwopir.example.com.\t60\tIN\tAAAA\t2001:db8::12\n"));
        Assert.That(records.Read().Addresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.11"), IPAddress.Parse("2001:db8::12") }));
        await AssertBindAcceptsAsync();
    }

    [Test]
    public void Write_ExistingAaaa_ReplacedToo()
    {
        string zone = Zone.Replace("twopir\t30\tIN\tA\t192.0.2.2", "twopir\t30\tIN\tAAAA\t2001:db8::2", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        records.Write(s_nodes, 30, s_today);

        Assert.That(records.Read().Addresses, Is.EqualTo(s_nodes));
        Assert.That(ZoneText(), Does.Not.Contain("2001:db8::2"));
    }

    [Test]
    public void Write_OtherOwnersAddresses_Untouched()
    {
        string zone = Zone.Replace("ns1\tIN\tA\t192.0.2.53", "ns1\tIN\tA\t192.0.2.53\ntwopir2\tIN\tA\t192.0.2.99\nsub.twopir\tIN\tA\t192.0.2.98", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        records.Write(s_nodes, 30, s_today);

        Assert.That(ZoneText(), Does.Contain("twopir2\tIN\tA\t192.0.2.99\nsub.twopir\tIN\tA\t192.0.2.98\n"));
    }

    [Test]
    public async Task Write_NoRecordsYet_Appended()
    {
        string zone = Zone.Replace("twopir\t30\tIN\tA\t192.0.2.1\ntwopir\t30\tIN\tA\t192.0.2.2\n", "", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        records.Write(s_nodes, 30, s_today);

        Assert.That(ZoneText(), Is.EqualTo(zone.Replace(" 7 7200", " 8 7200", StringComparison.Ordinal)
            + "twopir.example.com.\t30\tIN\tA\t192.0.2.11\ntwopir.example.com.\t30\tIN\tA\t192.0.2.12\n"));
        Assert.That(records.Read().Addresses, Is.EqualTo(s_nodes));
        await AssertBindAcceptsAsync();
    }

    [Test]
    public void Write_NoRecordsNoFinalNewline_AppendedOnALineOfItsOwn()
    {
        string zone = "$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53";
        SiteRecords records = Records(zone);

        records.Write(s_nodes, 30, s_today);

        Assert.That(records.Read().Addresses, Is.EqualTo(s_nodes));
        Assert.That(ZoneText(), Does.StartWith(zone.Replace(" 1 7200", " 2 7200", StringComparison.Ordinal) + "\n"));
    }

    [Test]
    public async Task Write_MultiLineSoa_SerialReplacedInPlace()
    {
        string zone = Zone.Replace("@\tIN\tSOA\tns1.example.com. hostmaster.example.com. 7 7200 900 1209600 300", """
            @	IN	SOA	ns1.example.com. hostmaster.example.com. (
            		2025061402	; serial
            		7200		; refresh
            		900 1209600 300 )
            """, StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        uint serial = records.Write(s_nodes, 30, s_today);

        Assert.That(serial, Is.EqualTo(2025061500u));
        Assert.That(ZoneText(), Does.Contain("(\n\t\t2025061500\t; serial\n\t\t7200\t\t; refresh\n"));
        await AssertBindAcceptsAsync();
    }

    [Test]
    public void Write_SoaOpeningParenthesisBeforeMname_SerialStillFound()
    {
        string zone = Zone.Replace("SOA\tns1.example.com. hostmaster.example.com. 7 7200 900 1209600 300", "SOA\t( ns1.example.com.\n hostmaster.example.com.\n 7 7200 900 1209600 300 )", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        Assert.That(records.Write(s_nodes, 30, s_today), Is.EqualTo(8u));
        Assert.That(records.Read().Serial, Is.EqualTo(8u));
    }

    [Test]
    public void Write_SoaWithTtlAndClass_SerialFound()
    {
        string zone = Zone.Replace("@\tIN\tSOA", "example.com. 86400 IN SOA", StringComparison.Ordinal);

        Assert.That(Records(zone).Write(s_nodes, 30, s_today), Is.EqualTo(8u));
    }

    [Test]
    public void Write_CrLfFile_OtherLinesKeepTheirLineEnds()
    {
        string zone = Zone.Replace("\n", "\r\n", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        records.Write(s_nodes, 30, s_today);

        string text = ZoneText();
        Assert.That(text, Does.StartWith("$TTL 3600\r\n@\tIN\tSOA\tns1.example.com. hostmaster.example.com. 8 7200"));
        Assert.That(text, Does.EndWith("www\tIN\tCNAME\ttwopir\r\n; the end\r\n"));
        Assert.That(records.Read().Addresses, Is.EqualTo(s_nodes));
    }

    [Test]
    public void Write_AbsoluteOwnerName_SameRecords()
    {
        SiteRecords records = Records(Zone, "twopir.example.com.");

        records.Write(s_nodes, 30, s_today);

        Assert.That(records.Read().Addresses, Is.EqualTo(s_nodes));
        Assert.That(records.Owner, Is.EqualTo("twopir.example.com."));
    }

    [Test]
    public void Write_OwnerAtApex_ReplacesApexAddressesOnly()
    {
        string zone = Zone.Replace("@\tIN\tNS\tns1.example.com.", "@\tIN\tNS\tns1.example.com.\n@\t30\tIN\tA\t192.0.2.7", StringComparison.Ordinal);
        SiteRecords records = Records(zone, "example.com.");

        records.Write(s_nodes, 30, s_today);

        Assert.That(records.Read().Addresses, Is.EqualTo(s_nodes));
        Assert.That(ZoneText(), Does.Contain("@\tIN\tNS\tns1.example.com.\nexample.com.\t30\tIN\tA\t192.0.2.11\n").And.Contain("twopir\t30\tIN\tA\t192.0.2.1\n"));
    }

    [TestCase("twopir.example.org.")]
    [TestCase("example.com.evil.")]
    public void Constructor_OwnerOutsideZone_Refused(string owner)
    {
        File.WriteAllText(ZonePath, Zone);

        Assert.That(() => new SiteRecords(ZonePath, owner), Throws.TypeOf<ZoneFileException>().With.Message.Contain("is not inside the zone example.com"));
    }

    [Test]
    public void Constructor_FileNotNamedAfterOrigin_Refused()
    {
        Assert.That(() => new SiteRecords(Path.Combine(_folder.Path, "db.example"), "twopir"), Throws.TypeOf<ZoneFileException>());
    }

    [Test]
    public void Write_OwnerlessRecordAfterReplacedLineWouldMove_RefusedFileUntouched()
    {
        // The TXT belongs to twopir; with the second A line gone it would follow www's line instead.
        string zone = """
            $TTL 3600
            @	IN	SOA	ns1 hostmaster 7 7200 900 1209600 300
            @	IN	NS	ns1
            ns1	IN	A	192.0.2.53
            twopir	30	IN	A	192.0.2.1
            www	IN	A	192.0.2.80
            twopir	30	IN	A	192.0.2.2
            	IN	TXT	"site"

            """;
        SiteRecords records = Records(zone);

        Assert.That(() => records.Write(s_nodes, 30, s_today), Throws.TypeOf<ZoneFileException>().With.Message.Contain("Give such lines an explicit owner"));
        Assert.That(ZoneText(), Is.EqualTo(zone));
        AssertNoLeftover();
    }

    [Test]
    public void Write_NoAddressesAndOwnerlessRecordFollows_RefusedFileUntouched()
    {
        string zone = Zone.Replace("www\tIN\tCNAME\ttwopir", "\tIN\tTXT\t\"site\"", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        Assert.That(() => records.Write([], 30, s_today), Throws.TypeOf<ZoneFileException>());
        Assert.That(ZoneText(), Is.EqualTo(zone));
        AssertNoLeftover();
    }

    [Test]
    public void Write_OwnerlessRecordFollowsAndAddressesRemain_KeepsItsOwner()
    {
        string zone = Zone.Replace("www\tIN\tCNAME\ttwopir", "\tIN\tTXT\t\"site\"", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        records.Write(s_nodes, 30, s_today);

        Assert.That(ZoneText(), Does.Contain("twopir.example.com.\t30\tIN\tA\t192.0.2.12\n\tIN\tTXT\t\"site\"\n"));
    }

    [Test]
    public void Write_RecordInInclude_RefusedFileUntouched()
    {
        string zone = Zone.Replace("twopir\t30\tIN\tA\t192.0.2.2\n", "$INCLUDE site.inc\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder.Path, "site.inc"), "twopir\t30\tIN\tA\t192.0.2.2\n");
        SiteRecords records = Records(zone);

        Assert.That(() => records.Write(s_nodes, 30, s_today), Throws.TypeOf<ZoneFileException>().With.Message.Contain("$INCLUDE"));
        Assert.That(ZoneText(), Is.EqualTo(zone));
        Assert.That(File.ReadAllText(Path.Combine(_folder.Path, "site.inc")), Is.EqualTo("twopir\t30\tIN\tA\t192.0.2.2\n"));
        AssertNoLeftover();
    }

    [Test]
    public void Write_SoaInInclude_Refused()
    {
        string zone = "$TTL 3600\n$INCLUDE soa.inc\n@ IN NS ns1\nns1 IN A 192.0.2.53\n";
        File.WriteAllText(Path.Combine(_folder.Path, "soa.inc"), "@ IN SOA ns1 hostmaster 7 7200 900 1209600 300\n");
        SiteRecords records = Records(zone);

        Assert.That(() => records.Write(s_nodes, 30, s_today), Throws.TypeOf<ZoneFileException>().With.Message.Contain("SOA record comes from an $INCLUDE file"));
        Assert.That(ZoneText(), Is.EqualTo(zone));
        AssertNoLeftover();
    }

    [Test]
    public void Write_AddressRecordSpanningLines_Refused()
    {
        string zone = Zone.Replace("twopir\t30\tIN\tA\t192.0.2.2", "twopir\t30\tIN\tA\t(\n\t192.0.2.2 )", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        Assert.That(() => records.Write(s_nodes, 30, s_today), Throws.TypeOf<ZoneFileException>().With.Message.Contain("spans lines"));
        Assert.That(ZoneText(), Is.EqualTo(zone));
    }

    [Test]
    public void Read_BrokenZone_NamesFileAndLine()
    {
        string zone = Zone.Replace("192.0.2.53", "192.0.2.999", StringComparison.Ordinal);

        ZoneFileException error = CatchZoneError(() => Records(zone).Read());

        Assert.That((Path.GetFileName(error.File), error.Line), Is.EqualTo(("example.com.zone", 4)));
        Assert.That(error.Message, Does.Match(@"example\.com\.zone:4:\d+: "));
    }

    [Test]
    public void Write_BrokenZone_RefusedFileUntouched()
    {
        string zone = Zone.Replace("192.0.2.53", "192.0.2.999", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        ZoneFileException error = CatchZoneError(() => records.Write(s_nodes, 30, s_today));

        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(ZoneText(), Is.EqualTo(zone));
        AssertNoLeftover();
    }

    [Test]
    public void Write_NoTtlDirectiveAndTtllessRecordsFollow_RefusesNamingTheTtl()
    {
        // Without $TTL a record without one inherits the last TTL given (RFC 1035 §5.1): replacing the
        // site's lines would change ns1's TTL, so the file is left alone with a reason that says so.
        string zone = """
            @	3600	IN	SOA	ns1 hostmaster 7 7200 900 1209600 300
            @	3600	IN	NS	ns1
            twopir	3600	IN	A	192.0.2.1
            ns1	IN	A	192.0.2.53

            """;
        SiteRecords records = Records(zone);

        Assert.That(() => records.Write(s_nodes, 30, s_today), Throws.TypeOf<ZoneFileException>().With.Message.Contain("without an owner or a TTL"));
        Assert.That(ZoneText(), Is.EqualTo(zone));
        AssertNoLeftover();
    }

    [TestCase(1u, 2u)]
    [TestCase(7u, 8u)]
    [TestCase(2025061402u, 2025061500u)]   // dated, behind today
    [TestCase(2020010100u, 2025061500u)]
    [TestCase(2025061500u, 2025061501u)]   // today's first: the next
    [TestCase(2025061599u, 2025061600u)]   // today's last: spills into tomorrow, still newer
    [TestCase(2025070100u, 2025070101u)]   // ahead of today (a clock behind, or a hand edit)
    [TestCase(4294967294u, 4294967295u)]
    [TestCase(4294967295u, 0u)]            // RFC 1982: wraps
    public void NextSerial_Serial_Bumped(uint serial, uint expected)
    {
        Assert.That(SiteRecords.NextSerial(serial, s_today), Is.EqualTo(expected));
    }

    [Test]
    public void Write_SerialAtMaximum_WrapsToZero()
    {
        string zone = Zone.Replace(" 7 7200", " 4294967295 7200", StringComparison.Ordinal);
        SiteRecords records = Records(zone);

        Assert.That(records.Write(s_nodes, 30, s_today), Is.EqualTo(0u));
        Assert.That(records.Read().Serial, Is.EqualTo(0u));
    }

    private string ZonePath => Path.Combine(_folder.Path, "example.com.zone");

    private SiteRecords Records(string zone, string owner = "twopir")
    {
        File.WriteAllText(ZonePath, zone);
        return new SiteRecords(ZonePath, owner);
    }

    private string ZoneText() => Encoding.UTF8.GetString(File.ReadAllBytes(ZonePath));

    private void AssertNoLeftover() =>
        Assert.That(Directory.EnumerateFiles(_folder.Path, "*.twopir-new"), Is.Empty);

    private static ZoneFileException CatchZoneError(Action action)
    {
        ZoneFileException? caught = null;
        try
        {
            action();
        }
        catch (ZoneFileException ex)
        {
            caught = ex;
        }

        Assert.That(caught, Is.Not.Null, "no ZoneFileException");
        return caught!;
    }

    private async Task AssertBindAcceptsAsync()
    {
        ProcessStartInfo start = new("named-checkzone")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        foreach (string argument in new[] { "-k", "ignore", "-i", "local", "example.com", ZonePath })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("install named-checkzone (bind9-utils)");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await output + await error);
    }
}
