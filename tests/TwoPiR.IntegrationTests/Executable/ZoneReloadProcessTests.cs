using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;
using static TwoPiR.Testing.Polling;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>The real executable noticing zone edits, surviving broken ones, and reloading on SIGHUP.</summary>
[Category("Integration")]
public sealed class ZoneReloadProcessTests
{
    private const string ZoneFileName = "example.com.zone";
    private const string ShippedSerial = "2026112201";
    private const string AddedRecord = "added   30  IN  A   127.0.0.123";

    // Line appended to the zone; "not-an-address" starts at column 21.
    private const string BrokenRecord = "broken  30  IN  A   not-an-address";
    private const int BrokenColumn = 21;

    // Dns:ReloadDelay is 0.3 s: an edit must be served within a couple of seconds, with room for a busy machine.
    private static readonly TimeSpan s_reloadLimit = TimeSpan.FromSeconds(3);
    private static readonly string[] s_webNodes = ["127.0.0.121", "127.0.0.122"];

    private TempDirectory _work = null!;
    private TempDirectory _zones = null!;
    private string _zoneFile = null!;
    private string[] _shipped = null!;

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [SetUp]
    public void SetUp()
    {
        _work = new TempDirectory();
        _zones = new TempDirectory(RepositoryFiles.PathOf("zones"));
        _zoneFile = Path.Combine(_zones.Path, ZoneFileName);
        _shipped = File.ReadAllLines(_zoneFile);
    }

    [TearDown]
    public void TearDown()
    {
        _work.Dispose();
        _zones.Dispose();
    }

    [Test, CancelAfter(30_000)]
    public async Task EditInPlace_RaisedSerialAndNewRecord_ServedWithinSeconds(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);

        File.WriteAllLines(_zoneFile, Zone("2026112202", AddedRecord));

        string[] added = await Eventually(() => Dig.AnswersAsync(server.Port, "added.example.com", "A", ct), a => a.Length > 0, s_reloadLimit, ct);
        Assert.That(added, Is.EqualTo(new[] { "127.0.0.123" }), server.Process.Transcript);
        Assert.That(await SerialAsync(server, ct), Is.EqualTo("2026112202"));
        Assert.That(await Dig.AnswersAsync(server.Port, "twopir.example.com", "A", ct), Is.EquivalentTo(s_webNodes));
    }

    [Test, CancelAfter(30_000)]
    public async Task EditByRename_NewFileMovedOverTheZone_ServedWithinSeconds(CancellationToken ct)
    {
        // How editors and deploy tools save: write a new file beside it, then rename it over the old one.
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);
        string temporary = _zones.Write(ZoneFileName + ".tmp", string.Join('\n', Zone("2026112202", AddedRecord)) + "\n");

        File.Move(temporary, _zoneFile, overwrite: true);

        string serial = await Eventually(() => SerialAsync(server, ct), s => s == "2026112202", s_reloadLimit, ct);
        Assert.That(serial, Is.EqualTo("2026112202"), server.Process.Transcript);
        Assert.That(await Dig.AnswersAsync(server.Port, "added.example.com", "A", ct), Is.EqualTo(new[] { "127.0.0.123" }));
    }

    [Test, CancelAfter(30_000)]
    public async Task BrokenEdit_LogsFileLineColumnAndKeepsServing_UntilFixed(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);
        string[] broken = Zone("2026112202", BrokenRecord);

        File.WriteAllLines(_zoneFile, broken);
        string logged = await server.Process.WaitForOutputAsync($"{_zoneFile}:{broken.Length}:{BrokenColumn}: ", s_reloadLimit, ct);

        Assert.That(logged, Does.Contain($"still serving serial {ShippedSerial}"));
        Assert.That(await SerialAsync(server, ct), Is.EqualTo(ShippedSerial));
        Assert.That(await Dig.AnswersAsync(server.Port, "twopir.example.com", "A", ct), Is.EquivalentTo(s_webNodes));
        Assert.That(server.Process.HasExited, Is.False);

        File.WriteAllLines(_zoneFile, Zone("2026112203", AddedRecord));

        string fixedSerial = await Eventually(() => SerialAsync(server, ct), s => s == "2026112203", s_reloadLimit, ct);
        Assert.That(fixedSerial, Is.EqualTo("2026112203"), server.Process.Transcript);
        Assert.That(await Dig.AnswersAsync(server.Port, "added.example.com", "A", ct), Is.EqualTo(new[] { "127.0.0.123" }));
    }

    [Test, CancelAfter(30_000)]
    public async Task EditIncludedFile_IsServedWithinSeconds(CancellationToken ct)
    {
        string included = _zones.Write("web.inc", "extra   30  IN  A   127.0.0.124\n");
        File.WriteAllLines(_zoneFile, Zone(ShippedSerial, "$INCLUDE web.inc"));
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);
        Assert.That(await Dig.AnswersAsync(server.Port, "extra.example.com", "A", ct), Is.EqualTo(new[] { "127.0.0.124" }));

        File.WriteAllText(included, "extra   30  IN  A   127.0.0.125\n");

        string[] served = await Eventually(
            () => Dig.AnswersAsync(server.Port, "extra.example.com", "A", ct), a => a.SequenceEqual(["127.0.0.125"]), s_reloadLimit, ct);
        Assert.That(served, Is.EqualTo(new[] { "127.0.0.125" }), server.Process.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task EditWithoutRaisingSerial_IsServedWithAWarning(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);

        File.WriteAllLines(_zoneFile, Zone(ShippedSerial, AddedRecord));

        string[] added = await Eventually(() => Dig.AnswersAsync(server.Port, "added.example.com", "A", ct), a => a.Length > 0, s_reloadLimit, ct);
        Assert.That(added, Is.EqualTo(new[] { "127.0.0.123" }), server.Process.Transcript);
        Assert.That(server.Process.OutputLines, Has.Some.Contain("warn: ").And.Contain("raise the serial"), server.Process.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task NewZoneFile_IsServedAndRemovingItStopsServingIt(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);
        string extra = Path.Combine(_zones.Path, "example.net.zone");

        File.WriteAllLines(extra, Zone(ShippedSerial).Select(line => line.Replace("example.com.", "example.net.", StringComparison.Ordinal)));
        string[] served = await Eventually(() => Dig.AnswersAsync(server.Port, "twopir.example.net", "A", ct), a => a.Length > 0, s_reloadLimit, ct);
        Assert.That(served, Is.EquivalentTo(s_webNodes), server.Process.Transcript);

        File.Delete(extra);
        await server.Process.WaitForOutputAsync("Zone example.net. removed", s_reloadLimit, ct);
        Assert.That(await Dig.AnswersAsync(server.Port, "twopir.example.net", "A", ct), Is.Empty);
    }

    [Test, CancelAfter(30_000)]
    public async Task Sighup_ZoneChangedBehindASymbolicLink_IsReloaded(CancellationToken ct)
    {
        // The folder watcher sees the entries of the zones folder, not files a link there points at: an edit to
        // such a file is noticed only on SIGHUP. That makes the reload below SIGHUP's doing alone.
        using TempDirectory links = new();
        File.CreateSymbolicLink(Path.Combine(links.Path, ZoneFileName), _zoneFile);
        await using DnsServerProcess server = await StartAsync(links.Path, ct);

        File.WriteAllLines(_zoneFile, Zone("2026112202"));
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assume.That(await SerialAsync(server, ct), Is.EqualTo(ShippedSerial), "the watcher saw through the link; SIGHUP cannot be told apart");

        await server.Process.SignalAsync("HUP", ct);

        await server.Process.WaitForOutputAsync("SIGHUP: reloading every zone", s_reloadLimit, ct);
        string serial = await Eventually(() => SerialAsync(server, ct), s => s == "2026112202", s_reloadLimit, ct);
        Assert.That(serial, Is.EqualTo("2026112202"), server.Process.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task Sighup_UnchangedZones_ReadsEveryZoneAgainAndKeepsRunning(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(_zones.Path, ct);
        int loadsBefore = Loads(server);

        await server.Process.SignalAsync("HUP", ct);

        await server.Process.WaitForOutputAsync("SIGHUP: reloading every zone", s_reloadLimit, ct);
        int loadsAfter = await Eventually(() => Task.FromResult(Loads(server)), loads => loads > loadsBefore, s_reloadLimit, ct);
        Assert.That(loadsAfter, Is.EqualTo(loadsBefore + 1), server.Process.Transcript);
        Assert.That(server.Process.HasExited, Is.False);
        Assert.That(await Dig.AnswersAsync(server.Port, "twopir.example.com", "A", ct), Is.EquivalentTo(s_webNodes));
    }

    private Task<DnsServerProcess> StartAsync(string zones, CancellationToken ct) =>
        DnsServerProcess.StartAsync(["--zones", zones, "--listen", "127.0.0.1:0"], _work.Path, ct);

    /// <summary>The shipped zone with another serial and extra lines at the end.</summary>
    private string[] Zone(string serial, params string[] extraLines) =>
        [.. _shipped.Select(line => line.Replace(ShippedSerial, serial, StringComparison.Ordinal)), .. extraLines];

    private static async Task<string> SerialAsync(DnsServerProcess server, CancellationToken ct)
    {
        // +short SOA: "ns1.example.com. hostmaster.example.com. SERIAL REFRESH RETRY EXPIRE MINIMUM"
        string[] soa = await Dig.AnswersAsync(server.Port, "example.com", "SOA", ct);
        return soa.Length == 1 ? soa[0].Split(' ')[2] : string.Join(" | ", soa);
    }

    private static int Loads(DnsServerProcess server) =>
        server.Process.OutputLines.Count(line => line.Contains("Loaded zone example.com. ", StringComparison.Ordinal));
}
