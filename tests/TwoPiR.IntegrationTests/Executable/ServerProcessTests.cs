using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TwoPiR.Dns;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>The real executable serving the shipped zones on loopback: start, answer, stop, bind failures, where it listens.</summary>
[Category("Integration")]
public sealed class ServerProcessTests
{
    private const string WebName = "twopir.example.com";
    private static readonly string[] s_webNodes = ["127.0.0.121", "127.0.0.122"];
    private static readonly TimeSpan s_stopLimit = TimeSpan.FromSeconds(5);

    private TempDirectory _work = null!;
    private TempDirectory _zones = null!;

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [SetUp]
    public void SetUp()
    {
        _work = new TempDirectory();
        _zones = new TempDirectory(RepositoryFiles.PathOf("zones"));
    }

    [TearDown]
    public void TearDown()
    {
        _work.Dispose();
        _zones.Dispose();
    }

    [Test, CancelAfter(30_000)]
    public async Task Dig_ShippedZones_ReturnsBothWebNodes(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0"], ct);

        string[] answers = await Dig.AnswersAsync(server.Port, WebName, "A", ct);

        Assert.That(answers, Is.EquivalentTo(s_webNodes), server.Process.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task Start_PortZero_ListensOnOnePortForUdpAndTcp(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0"], ct);

        Assert.That(server.UdpEndpoints, Has.Count.EqualTo(1));
        Assert.That(server.Port, Is.Not.Zero);
        Assert.That(server.TcpEndpoints, Is.EqualTo(server.UdpEndpoints));
    }

    [TestCase("TERM")]
    [TestCase("INT")]
    [CancelAfter(30_000)]
    public async Task Signal_Stop_ExitsZeroAndLogsThatItStopped(string signal, CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0"], ct);
        Stopwatch stopping = Stopwatch.StartNew();

        await server.Process.SignalAsync(signal, ct);
        int status = await server.Process.WaitForExitAsync(s_stopLimit, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(DnsExitCode.Success), server.Process.Transcript);
            Assert.That(stopping.Elapsed, Is.LessThan(s_stopLimit));
            Assert.That(server.Process.OutputLines, Has.Some.Contain("Stopped listening"), server.Process.Transcript);
            Assert.That(server.Process.Errors, Is.Empty);
            Assert.That(server.Process.Output, ProcessOutput.WithoutStackTrace);
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Sigterm_AfterStopping_NothingAnswersOnThePort(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0"], ct);

        await server.TerminateAsync(ct);

        Assert.That(await Dig.AnswersAsync(server.Port, WebName, "A", ct), Is.Empty);
    }

    [Test, CancelAfter(30_000)]
    public async Task Sigterm_WithAnIdleTcpClient_ExitsZeroWithinSeconds(CancellationToken ct)
    {
        // Dns:TcpIdleTimeout is 10 s; stopping must not wait for an idle client to go away.
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0"], ct);
        using TcpClient idle = new();
        await idle.ConnectAsync(server.TcpEndpoints[0], ct);
        await idle.GetStream().WriteAsync(new byte[] { 0x00 }, ct); // half a length prefix, then silence
        Stopwatch stopping = Stopwatch.StartNew();

        int status = await server.TerminateAsync(ct);

        Assert.That(status, Is.EqualTo(DnsExitCode.Success), server.Process.Transcript);
        Assert.That(stopping.Elapsed, Is.LessThan(s_stopLimit), server.Process.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task LogLevelWarning_LeavesOutInformation_AndStillServes(CancellationToken ct)
    {
        int port = FreePort.On(IPAddress.Loopback);
        await using ChildProcess server = TwoPiRDns.Start(
            ["--zones", _zones.Path, "--listen", $"127.0.0.1:{port}", "--log-level", "warning"], _work.Path);

        string[] answers = await Polling.Eventually(() => Dig.AnswersAsync(port, WebName, "A", ct), a => a.Length > 0, s_stopLimit, ct);

        Assert.That(answers, Is.EquivalentTo(s_webNodes), server.Transcript);
        Assert.That(server.OutputLines, Has.None.Contain(" info: "), server.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task AllowTransfer_Loopback_ServesAxfrOverTcp(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0", "--allow-transfer", "127.0.0.0/8"], ct);

        string[] records = await Dig.AnswersAsync(server.Port, "example.com", "AXFR", ct);

        // +short AXFR: the SOA, every record, the SOA again (RFC 5936 §2.2).
        Assert.That(records, Has.Length.EqualTo(7), server.Process.Transcript);
        Assert.That(records, Does.Contain("127.0.0.121").And.Contain("127.0.0.122"));
        Assert.That(server.Process.OutputLines, Has.Some.Contain("AXFR of example.com."));
    }

    [Test, CancelAfter(30_000)]
    public async Task AllowTransfer_Absent_RefusesAxfr(CancellationToken ct)
    {
        await using DnsServerProcess server = await StartAsync(["--listen", "127.0.0.1:0"], ct);

        string[] records = await Dig.AnswersAsync(server.Port, "example.com", "AXFR", ct);

        Assert.That(records, Is.Empty);
        Assert.That(server.Process.OutputLines, Has.Some.Contain("refused to 127.0.0.1"), server.Process.Transcript);
    }

    [TestCase(SocketType.Dgram)]
    [TestCase(SocketType.Stream)]
    [CancelAfter(30_000)]
    public async Task Start_PortInUse_ExitsOneWithOneClearLine(SocketType taken, CancellationToken ct)
    {
        int port = FreePort.On(IPAddress.Loopback);
        using Socket holder = new(AddressFamily.InterNetwork, taken, taken == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, port));
        if (taken == SocketType.Stream)
        {
            holder.Listen();
        }

        await using ChildProcess run = await TwoPiRDns.RunAsync(["--zones", _zones.Path, "--listen", $"127.0.0.1:{port}"], _work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(DnsExitCode.Failure), run.Transcript);
            Assert.That(run.ErrorLines, Has.Count.EqualTo(1), run.Transcript);
            Assert.That(run.Errors, Does.StartWith("twopir-dns: cannot listen").And.Contain("in use"), run.Transcript);
            Assert.That(run.Output + run.Errors, ProcessOutput.WithoutStackTrace);
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Start_PortInUse_SaysWhichAddress(CancellationToken ct)
    {
        // With several --listen addresses, "Address already in use" alone leaves the operator guessing.
        int port = FreePort.On(IPAddress.Loopback);
        using UdpClient holder = new(new IPEndPoint(IPAddress.Loopback, port));

        await using ChildProcess run = await TwoPiRDns.RunAsync(
            ["--zones", _zones.Path, "--listen", "127.0.0.2:0", "--listen", $"127.0.0.1:{port}"], _work.Path, ct);

        Assert.That(run.Errors, Does.Contain($"127.0.0.1:{port}"), run.Transcript);
    }

    [Test, CancelAfter(30_000)]
    public async Task Environment_ListenVariable_IsHonoured(CancellationToken ct)
    {
        int port = FreePort.On(IPAddress.Loopback);

        await using DnsServerProcess server = await StartAsync([], ct, new Dictionary<string, string?>
        {
            ["TWOPIR_Dns__Listen__0"] = $"127.0.0.1:{port}",
        });

        Assert.That(server.UdpEndpoints, Is.EqualTo(new[] { new IPEndPoint(IPAddress.Loopback, port) }));
        Assert.That(await Dig.AnswersAsync(port, WebName, "A", ct), Is.EquivalentTo(s_webNodes));
    }

    [Test, CancelAfter(30_000)]
    public async Task ConfigFile_Listen_ListensOnEveryAddress(CancellationToken ct)
    {
        string config = _work.Write("listen.json", """{ "Dns": { "Listen": [ "127.0.0.2:0", "127.0.0.3:0" ] } }""");

        await using DnsServerProcess server = await StartAsync(["--config", config], ct);

        Assert.That(server.UdpEndpoints.Select(endpoint => endpoint.Address.ToString()), Is.EqualTo(new[] { "127.0.0.2", "127.0.0.3" }));
    }

    [Test, CancelAfter(30_000)]
    public async Task CommandLineListen_ReplacesListenFromConfigFile(CancellationToken ct)
    {
        string config = _work.Write("listen.json", """{ "Dns": { "Listen": [ "127.0.0.2:0", "127.0.0.3:0" ] } }""");
        int port = FreePort.On(IPAddress.Loopback);

        await using DnsServerProcess server = await StartAsync(["--config", config, "--listen", $"127.0.0.1:{port}"], ct);

        IPEndPoint[] expected = [new IPEndPoint(IPAddress.Loopback, port)];
        Assert.That(server.UdpEndpoints, Is.EqualTo(expected), server.Process.Transcript);
        Assert.That(server.TcpEndpoints, Is.EqualTo(expected), server.Process.Transcript);
        Assert.That(await Dig.AnswersAsync(port, WebName, "A", ct), Is.EquivalentTo(s_webNodes));
    }

    [Test, CancelAfter(30_000)]
    public async Task Listen_IPv6Loopback_AnswersOverIPv6(CancellationToken ct)
    {
        if (!HasIPv6Loopback())
        {
            Assert.Ignore("no IPv6 loopback on this machine");
        }

        await using DnsServerProcess server = await StartAsync(["--listen", "[::1]:0"], ct);

        Assert.That(server.UdpEndpoints.Single().Address, Is.EqualTo(IPAddress.IPv6Loopback));
        Assert.That(await Dig.AnswersAsync(server.UdpEndpoints[0], WebName, "A", ct), Is.EquivalentTo(s_webNodes));
    }

    [Test, CancelAfter(30_000)]
    public async Task Listen_IPv4AndIPv6_AnswersOnBoth(CancellationToken ct)
    {
        if (!HasIPv6Loopback())
        {
            Assert.Ignore("no IPv6 loopback on this machine");
        }

        int port = FreePort.On(IPAddress.Loopback);

        await using DnsServerProcess server = await StartAsync(["--listen", $"127.0.0.1:{port}", "--listen", $"[::1]:{port}"], ct);

        Assert.That(await Dig.AnswersAsync(new IPEndPoint(IPAddress.Loopback, port), WebName, "A", ct), Is.EquivalentTo(s_webNodes));
        Assert.That(await Dig.AnswersAsync(new IPEndPoint(IPAddress.IPv6Loopback, port), WebName, "A", ct), Is.EquivalentTo(s_webNodes));
    }

    private Task<DnsServerProcess> StartAsync(string[] arguments, CancellationToken ct, IReadOnlyDictionary<string, string?>? environment = null) =>
        DnsServerProcess.StartAsync(["--zones", _zones.Path, .. arguments], _work.Path, ct, environment);

    private static bool HasIPv6Loopback()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using Socket probe = new(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
