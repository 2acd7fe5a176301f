using TwoPiR.Dns;
using TwoPiR.Dns.Hosting;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>The executable's command line, run for real: what it prints and the status it exits with.</summary>
[Category("Integration")]
public sealed class CommandLineProcessTests
{
    private const string TryHelp = "Try 'twopir-dns --help' for the manual.";

    private TempDirectory _work = null!;
    private TempDirectory _zones = null!;

    [SetUp]
    public void SetUp()
    {
        _work = new TempDirectory();
        _zones = new TempDirectory(RepositoryFiles.PathOf("zones"));
        _work.Write("bad-payload.json", """{ "Dns": { "Listen": [ "127.0.0.1:0" ], "MaxUdpPayload": 100 } }""");
        _work.Write("bad-listen.json", """{ "Dns": { "Listen": [ "nonsense" ] } }""");
        _work.Write("bad-timeout.json", """{ "Dns": { "Listen": [ "127.0.0.1:0" ], "TcpIdleTimeout": "02:00:00" } }""");
        _work.Write("unconvertible-timeout.json", """{ "Dns": { "Listen": [ "127.0.0.1:0" ], "TcpIdleTimeout": "banana" } }""");
        _work.Write("broken.json", """{ "Dns": { "Listen": [ "127.0.0.1:0" """);
    }

    [TearDown]
    public void TearDown()
    {
        _work.Dispose();
        _zones.Dispose();
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [CancelAfter(30_000)]
    public async Task Help_PrintsTheManualAndExitsZero(string option, CancellationToken ct)
    {
        await using ChildProcess run = await TwoPiRDns.RunAsync([option], _work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(DnsExitCode.Success), run.Transcript);
            Assert.That(run.Output + "\n", Is.EqualTo(HelpText.ManPage.ReplaceLineEndings("\n")));
            Assert.That(run.Errors, Is.Empty);
        }
    }

    [TestCase("--version")]
    [TestCase("-V")]
    [CancelAfter(30_000)]
    public async Task Version_PrintsOneLineAndExitsZero(string option, CancellationToken ct)
    {
        await using ChildProcess run = await TwoPiRDns.RunAsync([option], _work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(DnsExitCode.Success), run.Transcript);
            Assert.That(run.OutputLines, Is.EqualTo(new[] { $"twopir-dns {DnsHost.Version}" }));
            Assert.That(run.OutputLines[0], Does.Match(@"^twopir-dns \d+\.\d+\.\d+"));
            Assert.That(run.Errors, Is.Empty);
        }
    }

    [TestCase("--bogus", "--bogus")]
    [TestCase("--listen 1.2.3.4", "--listen")]
    [TestCase("--listen nonsense:53", "--listen")]
    [TestCase("--listen=127.0.0.1:99999", "--listen")]
    [TestCase("--allow-transfer everyone", "--allow-transfer")]
    [TestCase("--log-level loud", "--log-level")]
    [TestCase("--zones", "--zones")]
    [TestCase("--config missing.json", "--config")]
    [TestCase("--help=please", "--help")]
    [TestCase("stray", "stray")]
    [TestCase("--listen 127.0.0.1:0 --zones no-such-folder", "--zones")]
    [TestCase("--check --zones no-such-folder", "--zones")]
    [TestCase("--config bad-payload.json", "MaxUdpPayload")]
    [TestCase("--config bad-timeout.json", "TcpIdleTimeout")]
    [TestCase("--config bad-listen.json", "--listen (Dns:Listen)")]
    [TestCase("--check --config bad-payload.json", "MaxUdpPayload")]
    [TestCase("--config unconvertible-timeout.json", "Dns:TcpIdleTimeout")]
    [TestCase("--config broken.json", "broken.json")]
    [CancelAfter(30_000)]
    public async Task BadCommandLine_ExitsTwoWithOneLineNamingTheOption(string commandLine, string named, CancellationToken ct)
    {
        string[] arguments = [.. commandLine.Split(' '), .. ZonesUnlessGiven(commandLine)];

        await using ChildProcess run = await TwoPiRDns.RunAsync(arguments, _work.Path, ct);

        string first = run.ErrorLines.Count > 0 ? run.ErrorLines[0] : string.Empty;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(DnsExitCode.Usage), run.Transcript);
            Assert.That(run.ErrorLines, Has.Count.InRange(1, 2), run.Transcript);
            Assert.That(first, Does.StartWith("twopir-dns: ").And.Contain(named), run.Transcript);
            Assert.That(run.ErrorLines.Skip(1), Is.All.EqualTo(TryHelp), run.Transcript);
            Assert.That(run.Output + run.Errors, ProcessOutput.WithoutStackTrace);
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Check_ShippedZones_ExitsZeroAndListsThem(CancellationToken ct)
    {
        await using ChildProcess run = await TwoPiRDns.RunAsync(["--check", "--zones", _zones.Path], _work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Transcript);
            Assert.That(run.OutputLines, Is.EqualTo(new[]
            {
                $"example.com. serial 2026112201: 6 records, OK ({Path.Combine(_zones.Path, "example.com.zone")})",
                "1 of 1 zones good",
            }));
            Assert.That(run.Errors, Is.Empty);
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Check_RelativeZonesFolder_IsReadFromTheWorkingDirectory(CancellationToken ct)
    {
        await using ChildProcess run = await TwoPiRDns.RunAsync(["--check", "--zones", Path.GetFileName(_zones.Path)], Path.GetDirectoryName(_zones.Path)!, ct);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task Check_BrokenZone_ExitsOneAndNamesFileLineAndColumn(CancellationToken ct)
    {
        string file = Path.Combine(_zones.Path, "example.com.zone");
        string[] lines = File.ReadAllLines(file);
        File.WriteAllLines(file, [.. lines, "broken  30  IN  A   not-an-address"]);

        await using ChildProcess run = await TwoPiRDns.RunAsync(["--check", "--zones", _zones.Path], _work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Transcript);
            Assert.That(run.ErrorLines, Has.Count.EqualTo(1), run.Transcript);
            Assert.That(run.Errors, Does.StartWith($"error: {file}:{lines.Length + 1}:21: "));
            Assert.That(run.OutputLines, Is.EqualTo(new[] { "0 of 1 zones good" }));
            Assert.That(run.Output + run.Errors, ProcessOutput.WithoutStackTrace);
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Check_ServesNothing(CancellationToken ct)
    {
        int port = FreePort.On(System.Net.IPAddress.Loopback);

        await using ChildProcess run = await TwoPiRDns.RunAsync(
            ["--check", "--zones", _zones.Path, "--listen", $"127.0.0.1:{port}"], _work.Path, ct);

        Assert.That(run.OutputLines, Has.None.Contain("Listening on"), run.Transcript);
    }

    /// <summary>Without --zones the server would read ./zones; point it at a good folder so only the fault under test is wrong.</summary>
    private string[] ZonesUnlessGiven(string commandLine) =>
        commandLine.Contains("--zones", StringComparison.Ordinal) ? [] : ["--zones", _zones.Path];
}
