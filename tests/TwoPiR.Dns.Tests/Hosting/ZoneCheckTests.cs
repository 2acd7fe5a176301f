using TwoPiR.Dns.Hosting;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Hosting;

public sealed class ZoneCheckTests
{
    private const string GoodZone = """
        $TTL 300
        @       IN  SOA ns1 hostmaster 2026010101 3600 600 1209600 60
                IN  NS  ns1
        ns1     IN  A   192.0.2.1
        twopir  IN  A   192.0.2.21
        twopir  IN  A   192.0.2.22

        """;

    // Line 5, column 13: the TTL field is not a number.
    private const string BrokenZone = """
        $TTL 300
        @       IN  SOA ns1 hostmaster 2026010101 3600 600 1209600 60
                IN  NS  ns1
        ns1     IN  A   192.0.2.1
        twopir  IN  A   192.0.2.300

        """;

    private TempDirectory _zones = null!;
    private StringWriter _output = null!;
    private StringWriter _errors = null!;

    [SetUp]
    public void SetUp()
    {
        _zones = new TempDirectory();
        _output = new StringWriter();
        _errors = new StringWriter();
    }

    [TearDown]
    public void TearDown()
    {
        _zones.Dispose();
        _output.Dispose();
        _errors.Dispose();
    }

    [Test]
    public void Run_OneGoodZone_ReturnsZeroAndDescribesIt()
    {
        _zones.Write("example.com.zone", GoodZone);

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(0));
        Assert.That(Lines(_output), Is.EqualTo(new[]
        {
            $"example.com. serial 2026010101: 5 records, OK ({Path.Combine(_zones.Path, "example.com.zone")})",
            "1 of 1 zones good",
        }));
        Assert.That(_errors.ToString(), Is.Empty);
    }

    [Test]
    public void Run_ShippedZones_ReturnsZero()
    {
        using TempDirectory shipped = new(RepositoryFiles.PathOf("zones"));

        int status = ZoneCheck.Run(shipped.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(0), _errors.ToString());
        Assert.That(_output.ToString(), Does.Contain("example.com. serial 2026112201: ").And.Contain("1 of 1 zones good"));
    }

    [Test]
    public void Run_BrokenZone_ReturnsOneAndNamesFileLineAndColumn()
    {
        _zones.Write("example.com.zone", BrokenZone);

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        string file = Path.Combine(_zones.Path, "example.com.zone");
        Assert.That(status, Is.EqualTo(1));
        Assert.That(Lines(_errors), Has.Length.EqualTo(1));
        Assert.That(Lines(_errors)[0], Does.StartWith($"error: {file}:5:17: "));
        Assert.That(Lines(_output), Is.EqualTo(new[] { "0 of 1 zones good" }));
    }

    [Test]
    public void Run_OneGoodOneBroken_ReturnsOneAndReportsBoth()
    {
        _zones.Write("example.com.zone", GoodZone);
        _zones.Write("example.net.zone", BrokenZone);

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(1));
        Assert.That(_output.ToString(), Does.Contain("example.com. serial 2026010101: ").And.Contain("1 of 2 zones good"));
        Assert.That(_errors.ToString(), Does.Contain($"error: {Path.Combine(_zones.Path, "example.net.zone")}:5:17: "));
    }

    [Test]
    public void Run_SeveralZones_ReportsThemInFileNameOrder()
    {
        _zones.Write("example.org.zone", GoodZone);
        _zones.Write("example.com.zone", GoodZone);
        _zones.Write("example.net.zone", GoodZone);

        ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(Lines(_output).Select(line => line.Split(' ')[0]), Is.EqualTo(new[]
        {
            "example.com.", "example.net.", "example.org.", "3",
        }));
    }

    [Test]
    public void Run_EmptyFolder_ReturnsOneAndSaysSo()
    {
        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(1));
        Assert.That(Lines(_errors), Is.EqualTo(new[] { $"twopir-dns: no *.zone files in {_zones.Path}" }));
    }

    [Test]
    public void Run_OnlyIncludedFiles_ReturnsOne()
    {
        _zones.Write("web.inc", "twopir IN A 192.0.2.21\n");
        _zones.Write("README", "not a zone\n");

        Assert.That(ZoneCheck.Run(_zones.Path, _output, _errors), Is.EqualTo(1));
    }

    [Test]
    public void Run_ZoneWithInclude_ReadsTheIncludedFileButDoesNotCheckItAlone()
    {
        _zones.Write("example.com.zone", GoodZone + "$INCLUDE web.inc\n");
        _zones.Write("web.inc", "www IN A 192.0.2.23\n");

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(0), _errors.ToString());
        Assert.That(_output.ToString(), Does.Contain(": 6 records, OK").And.Contain("1 of 1 zones good"));
    }

    [Test]
    public void Run_BrokenIncludedFile_NamesTheIncludedFile()
    {
        _zones.Write("example.com.zone", GoodZone + "$INCLUDE web.inc\n");
        _zones.Write("web.inc", "\nwww IN A nonsense\n");

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(1));
        Assert.That(_errors.ToString(), Does.StartWith($"error: {Path.Combine(_zones.Path, "web.inc")}:2:10: "));
    }

    [Test]
    public void Run_ZoneWithWarnings_ReturnsZeroAndPrintsTheWarnings()
    {
        _zones.Write("example.com.zone", GoodZone + "mail IN MX 10 nowhere\n");

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(0));
        Assert.That(Lines(_errors), Has.Length.EqualTo(1));
        Assert.That(Lines(_errors)[0], Does.StartWith("warning: ").And.Contain("nowhere.example.com"));
    }

    [Test]
    public void Run_TwoFilesForOneZone_ReturnsOneLikeTheServerThatLoadsOnlyOne()
    {
        // The server serves one zone per origin and logs the second file as not loaded (ZoneLoader.Distinct);
        // --check promises to load every zone "as the server would".
        _zones.Write("example.com.zone", GoodZone);
        _zones.Write("EXAMPLE.COM.zone", GoodZone);

        int status = ZoneCheck.Run(_zones.Path, _output, _errors);

        Assert.That(status, Is.EqualTo(1));
        Assert.That(_errors.ToString(), Does.Contain("example.com.zone").And.Contain("already loaded"));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
