using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>Hot reload from a real zones folder: what is served, and what is logged, after each kind of edit.</summary>
public sealed class ZoneLoaderTests
{
    private const int ZoneLoaded = 1010;
    private const int ZoneKeptAfterError = 1012;
    private const int ZoneNotLoaded = 1013;
    private const int ZoneRemoved = 1014;
    private const int SerialNotIncreased = 1015;

    private TempDirectory _zones = null!;
    private ListLoggerProvider _logs = null!;
    private ILoggerFactory _loggerFactory = null!;
    private ZoneStore _store = null!;
    private ZoneLoader _loader = null!;

    [SetUp]
    public void CreateLoader()
    {
        _zones = new TempDirectory();
        _logs = new ListLoggerProvider();
        _loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
        _store = new ZoneStore();
        _loader = new ZoneLoader(_store, Options.Create(new DnsServerOptions { Zones = _zones.Path }), _loggerFactory.CreateLogger<ZoneLoader>());
    }

    [TearDown]
    public void DisposeLoader()
    {
        _loggerFactory.Dispose();
        _logs.Dispose();
        _zones.Dispose();
    }

    [Test]
    public void Reload_FirstTime_LoadsEveryZoneFileAndNothingElse()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _zones.Write("example.net.zone", ZoneText(serial: 7));
        _zones.Write("hosts.inc", "www A 192.0.2.80\n");
        _zones.Write("README.txt", "not a zone\n");

        int count = _loader.Reload(force: false);

        Assert.That(count, Is.EqualTo(2));
        Assert.That(SerialOf("example.com."), Is.EqualTo(1u));
        Assert.That(SerialOf("example.net."), Is.EqualTo(7u));
        Assert.That(_logs.WithEventId(ZoneLoaded).Select(entry => entry.Message), Is.EquivalentTo(new[]
        {
            $"Loaded zone example.com. serial 1 (3 records) from {ZonePath("example.com.zone")}",
            $"Loaded zone example.net. serial 7 (3 records) from {ZonePath("example.net.zone")}",
        }));
        Assert.That(_logs.Entries.Where(entry => entry.Level >= LogLevel.Warning), Is.Empty);
    }

    [Test]
    public void Reload_ChangedFile_ServesTheNewSerial()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _loader.Reload(force: false);

        _zones.Write("example.com.zone", ZoneText(serial: 2, extra: "www A 192.0.2.80\n"));
        _loader.Reload(force: false);

        Assert.That(SerialOf("example.com."), Is.EqualTo(2u));
        Assert.That(ZoneOf("example.com.").RecordCount, Is.EqualTo(4));
        Assert.That(_logs.WithEventId(ZoneLoaded), Has.Count.EqualTo(2));
    }

    [Test]
    public void Reload_BrokenEdit_KeepsServingTheOldZoneAndWarnsWithThePlace()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _loader.Reload(force: false);
        Zone before = ZoneOf("example.com.");

        _zones.Write("example.com.zone", ZoneText(serial: 2, extra: "www A 192.0.2.256\n"));
        _loader.Reload(force: false);

        Assert.That(ZoneOf("example.com."), Is.SameAs(before));
        LogEntry warning = _logs.WithEventId(ZoneKeptAfterError).Single();
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Is.EqualTo(
            $"Zone example.com. not reloaded; still serving serial 1: {ZonePath("example.com.zone")}:5:7: '192.0.2.256' is not an IPv4 address"));
    }

    [Test]
    public void Reload_NewBrokenFile_LogsAnErrorAndServesNothingFromIt()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _zones.Write("example.net.zone", "$TTL 300\n@ SOA ns1 hostmaster 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\nwww CNAME ns1\nwww TXT x\n");

        int count = _loader.Reload(force: false);

        Assert.That(count, Is.EqualTo(1));
        Assert.That(Served("example.net."), Is.Null);
        LogEntry error = _logs.WithEventId(ZoneNotLoaded).Single();
        Assert.That(error.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(error.Message, Is.EqualTo(
            $"Zone file not loaded, nothing served from it: {ZonePath("example.net.zone")}:5:1: CNAME and other data at www.example.net. (RFC 1034 §3.6.2)"));
    }

    [Test]
    public void Reload_UnchangedBrokenFile_IsNotReportedAgain()
    {
        _zones.Write("example.com.zone", "$TTL 300\nwww A 192.0.2.1\n");
        _loader.Reload(force: false);

        _loader.Reload(force: false);

        Assert.That(_logs.WithEventId(ZoneNotLoaded), Has.Count.EqualTo(1));
    }

    [Test]
    public void Reload_FixedIncludedFile_IsNoticed()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1, extra: "$INCLUDE hosts.inc\n"));
        _zones.Write("hosts.inc", "www A 192.0.2.999\n");
        _loader.Reload(force: false);
        Assert.That(_logs.WithEventId(ZoneNotLoaded).Single().Message, Does.Contain($"{ZonePath("hosts.inc")}:1:7: "));

        _zones.Write("hosts.inc", "www A 192.0.2.80\n");
        _loader.Reload(force: false);

        Assert.That(SerialOf("example.com."), Is.EqualTo(1u));
        Assert.That(ZoneOf("example.com.").RecordCount, Is.EqualTo(4));
    }

    [Test]
    public void Reload_BrokenIncludedFile_KeepsTheOldZoneUntilFixed()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1, extra: "$INCLUDE hosts.inc\n"));
        _zones.Write("hosts.inc", "www A 192.0.2.80\n");
        _loader.Reload(force: false);

        _zones.Write("hosts.inc", "www A 192.0.2.81 192.0.2.82\n");
        _loader.Reload(force: false);
        uint kept = SerialOf("example.com.");
        _zones.Write("hosts.inc", "www A 192.0.2.81\nwww A 192.0.2.82\n");
        _loader.Reload(force: false);

        Assert.That(kept, Is.EqualTo(1u));
        Assert.That(_logs.WithEventId(ZoneKeptAfterError).Single().Message, Does.Contain($"{ZonePath("hosts.inc")}:1:18: unexpected '192.0.2.82'"));
        Assert.That(ZoneOf("example.com.").RecordCount, Is.EqualTo(5));
    }

    [Test]
    public void Reload_MissingIncludedFileAppears_IsNoticed()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1, extra: "$INCLUDE hosts.inc\n"));
        _loader.Reload(force: false);
        Assert.That(_store.Current.Zones, Is.Empty);

        _zones.Write("hosts.inc", "www A 192.0.2.80\n");
        _loader.Reload(force: false);

        Assert.That(ZoneOf("example.com.").RecordCount, Is.EqualTo(4));
    }

    [Test]
    public void Reload_DeletedFile_RemovesTheZone()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _zones.Write("example.net.zone", ZoneText(serial: 1));
        _loader.Reload(force: false);

        File.Delete(ZonePath("example.com.zone"));
        int count = _loader.Reload(force: false);

        Assert.That(count, Is.EqualTo(1));
        Assert.That(Served("example.com."), Is.Null);
        LogEntry removed = _logs.WithEventId(ZoneRemoved).Single();
        Assert.That(removed.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(removed.Message, Is.EqualTo($"Zone example.com. removed: {ZonePath("example.com.zone")} is gone"));
    }

    [Test]
    public void Reload_DeletedFileThatNeverLoaded_LogsNoRemoval()
    {
        _zones.Write("example.com.zone", "$TTL 300\nwww A 192.0.2.1\n");
        _loader.Reload(force: false);

        File.Delete(ZonePath("example.com.zone"));
        _loader.Reload(force: false);

        Assert.That(_logs.WithEventId(ZoneRemoved), Is.Empty);
    }

    [Test]
    public void Reload_UnchangedFiles_AreNotReread()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _loader.Reload(force: false);
        Zone before = ZoneOf("example.com.");

        _zones.Write("example.com.zone", ZoneText(serial: 1)); // written again, same bytes
        _loader.Reload(force: false);

        Assert.That(ZoneOf("example.com."), Is.SameAs(before));
        Assert.That(_logs.WithEventId(ZoneLoaded), Has.Count.EqualTo(1));
    }

    [Test]
    public void Reload_Force_RereadsUnchangedFilesWithoutASerialWarning()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _loader.Reload(force: false);
        Zone before = ZoneOf("example.com.");

        _loader.Reload(force: true);

        Assert.That(ZoneOf("example.com."), Is.Not.SameAs(before));
        Assert.That(_logs.WithEventId(ZoneLoaded), Has.Count.EqualTo(2));
        Assert.That(_logs.WithEventId(SerialNotIncreased), Is.Empty);
    }

    [Test]
    public void Reload_ChangedZoneWithTheSameSerial_WarnsAndServesTheChange()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 5));
        _loader.Reload(force: false);

        _zones.Write("example.com.zone", ZoneText(serial: 5, extra: "www A 192.0.2.80\n"));
        _loader.Reload(force: false);

        LogEntry warning = _logs.WithEventId(SerialNotIncreased).Single();
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Is.EqualTo("Zone example.com. changed but its serial stayed at 5; secondaries will not notice: raise the serial"));
        Assert.That(ZoneOf("example.com.").RecordCount, Is.EqualTo(4));
    }

    [Test]
    public void Reload_ChangedIncludeWithTheSameSerial_Warns()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 5, extra: "$INCLUDE hosts.inc\n"));
        _zones.Write("hosts.inc", "www A 192.0.2.80\n");
        _loader.Reload(force: false);

        _zones.Write("hosts.inc", "www A 192.0.2.81\n");
        _loader.Reload(force: false);

        Assert.That(_logs.WithEventId(SerialNotIncreased), Has.Count.EqualTo(1));
    }

    [Test]
    public void Reload_TwoFilesForOneZone_ServesTheFirstInFileNameOrder()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 2));
        _zones.Write("Example.com.zone", ZoneText(serial: 1));

        int count = _loader.Reload(force: false);

        Assert.That(count, Is.EqualTo(1));
        Assert.That(ZoneOf("example.com.").FileName, Is.EqualTo(ZonePath("Example.com.zone")));
        Assert.That(_logs.WithEventId(ZoneNotLoaded).Single().Message, Is.EqualTo(
            $"Zone file not loaded, nothing served from it: {ZonePath("example.com.zone")}: zone example.com. is already loaded from another file"));
    }

    [Test]
    public void Reload_UnchangedDuplicateZoneFile_IsNotReportedAgain()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 2));
        _zones.Write("Example.com.zone", ZoneText(serial: 1));
        _loader.Reload(force: false);

        _loader.Reload(force: false);

        Assert.That(_logs.WithEventId(ZoneNotLoaded), Has.Count.EqualTo(1));
    }

    [Test]
    public void Reload_IncludeNameWithANul_LogsAnErrorInsteadOfThrowing()
    {
        _zones.Write("example.com.zone", ZoneText(serial: 1));
        _zones.Write("example.net.zone", ZoneText(serial: 1, extra: "$INCLUDE \"a\\000b.inc\"\n"));

        int count = _loader.Reload(force: false);

        Assert.That(count, Is.EqualTo(1));
        Assert.That(_logs.WithEventId(ZoneNotLoaded).Single().Message, Does.Contain($"{ZonePath("example.net.zone")}:5:10: "));
    }

    /// <summary>A valid zone: SOA, NS and the name server's address (3 records), then <paramref name="extra"/> from line 5.</summary>
    private static string ZoneText(uint serial, string extra = "") =>
        $"$TTL 300\n@ SOA ns1 hostmaster {serial} 3600 600 86400 60\n NS ns1\nns1 A 192.0.2.1\n{extra}";

    private string ZonePath(string file) => Path.Combine(_zones.Path, file);

    private Zone ZoneOf(string origin)
    {
        Zone? zone = Served(origin);
        Assert.That(zone, Is.Not.Null, $"{origin} is not served");
        return zone!;
    }

    private Zone? Served(string origin) => _store.Current.Zones.SingleOrDefault(zone => zone.Origin.AsSpan().SequenceEqual(WireName.Of(origin)));

    private uint SerialOf(string origin) => ZoneOf(origin).Serial;
}
