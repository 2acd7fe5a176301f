using System.Globalization;
using TwoPiR.Dns;
using TwoPiR.IntegrationTests.Executable;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// The real executable, told to forward by <c>--forward</c> and <c>--allow-recursion</c> or by
/// <c>TWOPIR_Forwarding__*</c> variables, against NSD: it says so in its log, forwards for the
/// listed client, refuses the others; a bad value is one line and exit status 2.
/// </summary>
[Category("Integration")]
public sealed class ForwardingProcessTests
{
    private const string Allowed = "127.0.0.1/32";
    private const string TryHelp = "Try 'twopir-dns --help' for the manual.";

    private NsdUpstream _nsd = null!;
    private TempDirectory _work = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Dig.EnsureInstalled();
        _work = new TempDirectory();
        _nsd = await NsdUpstream.StartAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_nsd is not null)
        {
            await _nsd.DisposeAsync();
        }

        _work?.Dispose();
    }

    /// <summary>
    /// Regression: the UDP workers once replied with SendToAsync on the listener's socket, which
    /// turned it non-blocking, so both receive loops spun on EAGAIN for good after the first
    /// forwarded answer: 5.7 s of CPU in 3 idle seconds on two cores, 50 ms with the fix.
    /// </summary>
    [Test, CancelAfter(30_000)]
    public async Task Process_IdleAfterAForwardedAnswer_ReceiveLoopsBlockRatherThanSpin(CancellationToken ct)
    {
        List<string> arguments = ["--zones", IntegrationZones.Directory, "--listen", "127.0.0.1:0", "--forward", _nsd.Upstream];
        await using DnsServerProcess server = await DnsServerProcess.StartAsync(arguments, _work.Path, ct);
        DigMessage forwarded = await Dig.QueryAsync(server.Port, $"{FwdZone.Web} A", ct);

        TimeSpan before = CpuTime(server.Process.Id);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        TimeSpan idle = CpuTime(server.Process.Id) - before;

        Assert.That(forwarded.Status, Is.EqualTo("NOERROR"));
        Assert.That(idle, Is.LessThan(TimeSpan.FromSeconds(0.5)), "one spinning loop alone burns about 2 s in 2 s");
    }

    [TestCase(false, TestName = "{m}(command line)")]
    [TestCase(true, TestName = "{m}(environment)")]
    [CancelAfter(30_000)]
    public async Task Process_ForwardingSettings_ForwardsForTheListedClientOnly(bool fromEnvironment, CancellationToken ct)
    {
        List<string> arguments = ["--zones", IntegrationZones.Directory, "--listen", "127.0.0.1:0"];
        Dictionary<string, string?> environment = [];
        if (fromEnvironment)
        {
            environment["TWOPIR_Forwarding__Upstreams__0"] = _nsd.Upstream;
            environment["TWOPIR_Forwarding__AllowRecursion__0"] = Allowed;
        }
        else
        {
            arguments.AddRange(["--forward", _nsd.Upstream, "--allow-recursion", Allowed]);
        }

        await using DnsServerProcess server = await DnsServerProcess.StartAsync(arguments, _work.Path, ct, environment);
        DigMessage allowed = await Dig.QueryAsync(server.Port, $"{FwdZone.Web} A", ct);
        DigMessage outsider = await Dig.QueryAsync(server.Port, $"-b 127.0.0.99 {FwdZone.Mail} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Process.OutputLines, Has.Some.Contain($"Forwarding names outside our zones to {_nsd.Upstream}, for clients in {Allowed};"), server.Process.Transcript);
            Assert.That(allowed.Status, Is.EqualTo("NOERROR"), server.Process.Transcript);
            Assert.That(allowed.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(allowed.Answer.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.WebAddress }));
            Assert.That(outsider.Status, Is.EqualTo("REFUSED"));
            Assert.That(outsider.Flags, Is.EquivalentTo(new[] { "qr", "rd" }));
        }
    }

    [TestCase("--forward not-an-address", "--forward 'not-an-address'")]
    [TestCase("--forward 127.0.0.1:0", "--forward '127.0.0.1:0'")]
    [TestCase("--forward 127.0.0.1:5353 --allow-recursion 127.0.0.1/99", "--allow-recursion '127.0.0.1/99'")]
    [CancelAfter(30_000)]
    public async Task Process_BadForwardingOption_ExitsTwoWithOneLineNamingIt(string options, string named, CancellationToken ct)
    {
        string[] arguments = ["--zones", IntegrationZones.Directory, "--listen", "127.0.0.1:0", .. options.Split(' ')];

        await using ChildProcess run = await TwoPiRDns.RunAsync(arguments, _work.Path, ct);

        string first = run.ErrorLines.Count > 0 ? run.ErrorLines[0] : string.Empty;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(DnsExitCode.Usage), run.Transcript);
            Assert.That(run.ErrorLines, Is.EqualTo(new[] { first, TryHelp }), run.Transcript);
            Assert.That(first, Does.StartWith("twopir-dns: ").And.Contain(named), run.Transcript);
        }
    }

    /// <summary>The user and system CPU time <paramref name="pid"/> has used, from /proc (proc(5): fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static TimeSpan CpuTime(int pid)
    {
        const double TicksPerSecond = 100;
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
