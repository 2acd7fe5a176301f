using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Zones;

public sealed class ZoneFileTests
{
    private const string Zone = """
        $TTL 300
        @    SOA ns1 hostmaster 2026010101 3600 600 86400 60
             NS  ns1
        ns1  A   192.0.2.1
        www  A   192.0.2.80

        """;

    private TempDirectory _zones = null!;

    [SetUp]
    public void CreateZonesFolder() => _zones = new TempDirectory();

    [TearDown]
    public void DeleteZonesFolder() => _zones.Dispose();

    [Test]
    public void Load_ZoneFile_TakesItsOriginFromTheFileName()
    {
        _zones.Write("example.com.zone", Zone);

        LoadedZone loaded = ZoneFile.Load(_zones.Path, "example.com.zone", []);

        Assert.That(loaded.Zone.Name, Is.EqualTo("example.com."));
        Assert.That(loaded.Zone.Serial, Is.EqualTo(2026010101u));
        Assert.That(loaded.Zone.RecordCount, Is.EqualTo(4));
        Assert.That(loaded.Zone.FileName, Is.EqualTo(Path.Combine(_zones.Path, "example.com.zone")));
        Assert.That(loaded.Warnings, Is.Empty);
    }

    [TestCase("Example.COM.zone")]
    [TestCase("example.com..zone")]
    public void Load_FileNameInOtherCaseOrWithATrailingDot_GivesTheSameOrigin(string fileName)
    {
        _zones.Write(fileName, Zone);

        LoadedZone loaded = ZoneFile.Load(_zones.Path, fileName, []);

        Assert.That(loaded.Zone.Origin, Is.EqualTo(WireName.Of("example.com.")));
    }

    [Test]
    public void Load_SubdomainFile_LoadsThatZone()
    {
        _zones.Write("sub.example.com.zone", Zone);

        LoadedZone loaded = ZoneFile.Load(_zones.Path, "sub.example.com.zone", []);

        Assert.That(loaded.Zone.Name, Is.EqualTo("sub.example.com."));
        Assert.That(loaded.Zone.TryGetNode(WireName.Of("www.sub.example.com."), out _), Is.True);
    }

    [TestCase(".zone")]
    [TestCase("example..com.zone")]
    [TestCase(".example.com.zone")]
    public void Load_FileNameThatIsNoOrigin_ThrowsAtTheFileStart(string fileName)
    {
        _zones.Write(fileName, Zone);

        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => ZoneFile.Load(_zones.Path, fileName, []))!;

        Assert.That(ex.Message, Is.EqualTo($"{Path.Combine(_zones.Path, fileName)}:1:1: the file name must be the zone's origin followed by .zone, e.g. example.com.zone"));
    }

    [Test]
    public void Load_FileNameWithA64OctetLabel_Throws()
    {
        string fileName = new string('a', 64) + ".com.zone";
        _zones.Write(fileName, Zone);

        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => ZoneFile.Load(_zones.Path, fileName, []))!;

        Assert.That(ex.Problem, Does.StartWith("the file name must be the zone's origin"));
    }

    [Test]
    public void Load_OriginOver255Octets_Throws()
    {
        // Too long for a real file name; the origin is checked before the file is read.
        string fileName = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".zone";

        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => ZoneFile.Load(_zones.Path, fileName, []))!;

        Assert.That(ex.Problem, Is.EqualTo("the origin in the file name is longer than 255 octets"));
        Assert.That((ex.Line, ex.Column), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Load_MissingFile_ThrowsCannotRead()
    {
        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => ZoneFile.Load(_zones.Path, "example.com.zone", []))!;

        Assert.That(ex.Message, Does.StartWith($"{Path.Combine(_zones.Path, "example.com.zone")}:1:1: cannot read: "));
    }

    [Test]
    public void Load_ZoneWithIncludes_ReportsEveryFileRead()
    {
        _zones.Write("example.com.zone", Zone + "$INCLUDE hosts.inc\n");
        _zones.Write("hosts.inc", "mail A 192.0.2.25\n");
        List<FileStamp> filesRead = [];

        LoadedZone loaded = ZoneFile.Load(_zones.Path, "example.com.zone", filesRead);

        string[] expected = [Path.Combine(_zones.Path, "example.com.zone"), Path.Combine(_zones.Path, "hosts.inc")];
        Assert.That(loaded.Files.Select(file => file.Path), Is.EqualTo(expected));
        Assert.That(filesRead, Is.EqualTo(loaded.Files));
        Assert.That(loaded.Zone.RecordCount, Is.EqualTo(5));
    }

    [TestCase("hosts.inc", "mail A 192.0.2.999\n")] // a parse error in the include
    [TestCase("hosts.inc", "www CNAME ns1\n")]      // a zone check failing after every file was read
    public void Load_Failing_StillReportsEveryFileRead(string include, string content)
    {
        _zones.Write("example.com.zone", Zone + $"$INCLUDE {include}\n");
        _zones.Write(include, content);
        List<FileStamp> filesRead = [];

        Assert.Throws<ZoneFileException>(() => ZoneFile.Load(_zones.Path, "example.com.zone", filesRead));

        Assert.That(filesRead.Select(file => Path.GetFileName(file.Path)), Is.EqualTo(new[] { "example.com.zone", include }));
    }

    [Test]
    public void Load_Warnings_ComeFromTheParserAndTheChecks()
    {
        _zones.Write("example.com.zone", Zone + "other.example.net. A 192.0.2.9\n@ MX 10 nowhere\n");

        LoadedZone loaded = ZoneFile.Load(_zones.Path, "example.com.zone", []);

        string file = Path.Combine(_zones.Path, "example.com.zone");
        Assert.That(loaded.Warnings, Is.EquivalentTo(new[]
        {
            $"{file}:6:1: ignoring out-of-zone data (other.example.net.)",
            $"{file}:7:1: MX target nowhere.example.com. is in the zone but has no A or AAAA record",
        }));
    }

    [Test]
    public void Load_ErrorMessage_NamesTheFolderAsGiven()
    {
        string folder = Path.Combine(_zones.Path, "zones");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "example.com.zone"), Zone + "bad A 192.0.2.256\n");

        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => ZoneFile.Load(folder + "/./", "example.com.zone", []))!;

        Assert.That(ex.File, Is.EqualTo(folder + "/./example.com.zone"));
        Assert.That((ex.Line, ex.Column), Is.EqualTo((6, 7)));
    }
}
