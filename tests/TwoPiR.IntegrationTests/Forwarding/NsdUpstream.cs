using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// NSD (NLnet Labs), a real authoritative server, serving <see cref="FwdZone"/> on a free port of
/// 127.0.0.1 from a temp folder: in the foreground, as whoever runs the tests, touching nothing
/// under /etc or /var. The tests never skip without it: a missing nsd fails the fixture.
/// </summary>
internal sealed class NsdUpstream : IAsyncDisposable
{
    /// <summary>The message a fixture fails with when nsd is missing.</summary>
    public const string InstallHint = "install nsd (apt-get install nsd; scripts/test does): the forwarding tests' real upstream";

    private static readonly Lazy<string?> s_path = new(FindNsd);
    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_probeWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromMilliseconds(20);

    private readonly TempDirectory _work;
    private readonly ChildProcess _process;
    private bool _stopped;

    private NsdUpstream(TempDirectory work, ChildProcess process, IPEndPoint endpoint)
    {
        _work = work;
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>Where NSD answers, UDP and TCP.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The upstream as <c>Forwarding:Upstreams</c> takes it: <c>127.0.0.1:PORT</c>.</summary>
    public string Upstream => Endpoint.ToString();

    /// <summary>Fails the calling fixture unless nsd is installed.</summary>
    public static void EnsureInstalled()
    {
        if (s_path.Value is null)
        {
            Assert.Fail(InstallHint);
        }
    }

    /// <summary>Starts NSD and waits until it answers for <see cref="FwdZone.Origin"/>.</summary>
    public static async Task<NsdUpstream> StartAsync(CancellationToken cancellationToken)
    {
        EnsureInstalled();
        TempDirectory work = new();
        ChildProcess? process = null;
        try
        {
            work.Write($"zones/{FwdZone.Origin}.zone", FwdZone.Text);
            IPEndPoint endpoint = new(IPAddress.Loopback, FreePort.On(IPAddress.Loopback));
            string config = work.Write("nsd.conf", Config(work.Path, endpoint.Port));

            // -d: stay in the foreground, so killing the process tree stops it.
            process = ChildProcess.Start(s_path.Value!, ["-d", "-c", config], work.Path);
            await WaitUntilServingAsync(process, endpoint, work.Path, cancellationToken);
            return new NsdUpstream(work, process, endpoint);
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }

            work.Dispose();
            throw;
        }
    }

    /// <summary>Kills NSD: from now on its port answers UDP with ICMP port unreachable and refuses TCP.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _process.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _work.Dispose();
    }

    private static async Task WaitUntilServingAsync(ChildProcess process, IPEndPoint endpoint, string workPath, CancellationToken cancellationToken)
    {
        byte[] query = QueryBytes.Create(FwdZone.Origin, (ushort)RecordType.SOA, recursionDesired: false);
        Stopwatch waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < s_startLimit)
        {
            if (await AnswersAsync(endpoint, query, cancellationToken))
            {
                return;
            }

            await Task.Delay(s_probeInterval, cancellationToken);
        }

        string log = Path.Combine(workPath, "nsd.log");
        Assert.Fail($"NSD did not start serving {FwdZone.Origin} on {endpoint}{Environment.NewLine}{process.Transcript}{Environment.NewLine}" +
            (File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "no nsd.log"));
    }

    private static async Task<bool> AnswersAsync(IPEndPoint endpoint, byte[] query, CancellationToken cancellationToken)
    {
        using CancellationTokenSource wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(s_probeWait);
        try
        {
            byte[] reply = await DnsUdpExchange.ExchangeAsync(endpoint, query, wait.Token);
            return ResponseView.Parse(reply).Answers.Count == 1;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false; // not bound yet
        }
    }

    /// <summary>Like bench/nsd.conf.in: every path in the temp folder, no chroot, no privilege drop, no rate limiting.</summary>
    private static string Config(string directory, int port) => string.Create(CultureInfo.InvariantCulture, $$"""
        server:
            ip-address: 127.0.0.1
            port: {{port}}
            do-ip6: no
            server-count: 1
            username: ""
            chroot: ""
            zonesdir: "{{directory}}"
            database: ""
            zonelistfile: "{{directory}}/nsd-zone.list"
            xfrdfile: "{{directory}}/nsd-xfrd.state"
            xfrdir: "{{directory}}"
            pidfile: "{{directory}}/nsd.pid"
            logfile: "{{directory}}/nsd.log"
            cookie-secret-file: "{{directory}}/nsd-cookiesecrets.txt"
            verbosity: 1
            # Debian builds NSD with response rate limiting on: the tests ask faster than it allows.
            rrl-ratelimit: 0
            rrl-whitelist-ratelimit: 0
            rrl-size: 1
            minimal-responses: yes

        remote-control:
            control-enable: no

        zone:
            name: "{{FwdZone.Origin}}"
            zonefile: "{{directory}}/zones/{{FwdZone.Origin}}.zone"
        """);

    /// <summary>nsd lives in /usr/sbin, which is not on every user's PATH.</summary>
    private static string? FindNsd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(folder => Path.Combine(folder, "nsd"))
            .FirstOrDefault(File.Exists);
}
