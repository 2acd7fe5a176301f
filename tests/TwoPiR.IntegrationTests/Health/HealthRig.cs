using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;
using TwoPiR.Probe.Health;
using TwoPiR.Probe.Status;
using TwoPiR.Testing;
using static TwoPiR.Testing.Polling;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// Real loopback web nodes, all on one port (the check's port is per name), a zone pointing
/// <see cref="HealthZone.CheckedName"/> at them, and the real DNS server probing them, with its
/// status endpoint on a free port and its state file in a temporary folder. The server can be
/// stopped and started again on the same zone and state file.
/// </summary>
internal sealed class HealthRig : IAsyncDisposable
{
    private const int PortAttempts = 5;

    // Once per test run: see WarmUpAsync.
    private static readonly Lazy<Task> s_warmUp = new(WarmUpAsync);

    private readonly TempDirectory _work;
    private readonly Dictionary<string, TestWebNode> _nodes;
    private DnsTestServer? _server;

    private HealthRig(TempDirectory work, TestWebNode[] nodes, int port)
    {
        _work = work;
        _nodes = nodes.ToDictionary(node => node.Endpoint.Address.ToString());
        NodePort = port;
        Directory.CreateDirectory(ZonesPath);
    }

    /// <summary>The port every web node listens on, and the check's port.</summary>
    public int NodePort { get; }

    /// <summary>The zones folder.</summary>
    public string ZonesPath => Path.Combine(_work.Path, "zones");

    /// <summary>The prober's state file.</summary>
    public string StateFile => Path.Combine(_work.Path, "probe-state.json");

    /// <summary>The running server.</summary>
    public DnsTestServer Server => _server ?? throw new InvalidOperationException("the server is not running");

    /// <summary>Where the running server's status endpoint listens.</summary>
    public IPEndPoint StatusEndpoint => Server.Services.GetRequiredService<StatusEndpointService>().Endpoint
        ?? throw new InvalidOperationException("the status endpoint is off");

    /// <summary>The status endpoint as the CLI's <c>--status</c> takes it.</summary>
    public string StatusListen => StatusEndpoint.ToString();

    /// <summary>
    /// Starts a web node on each of <paramref name="nodes"/>, writes the zone with
    /// <paramref name="zoneAddresses"/> (by default the nodes' addresses), and starts the server.
    /// </summary>
    public static async Task<HealthRig> StartAsync(
        ProbeSettings settings, IReadOnlyList<string> nodes, CancellationToken cancellationToken, IReadOnlyList<string>? zoneAddresses = null)
    {
        await s_warmUp.Value.WaitAsync(cancellationToken);
        TempDirectory work = new();
        HealthRig rig;
        try
        {
            (TestWebNode[] started, int port) = await StartNodesAsync(nodes, cancellationToken);
            rig = new HealthRig(work, started, port);
        }
        catch
        {
            work.Dispose();
            throw;
        }

        try
        {
            rig.WriteZone(1, zoneAddresses ?? nodes);
            await rig.StartServerAsync(settings, cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node on <paramref name="address"/>.</summary>
    public TestWebNode Node(string address) => _nodes[address];

    /// <summary>Writes the zone file with <paramref name="serial"/> and <paramref name="addresses"/>.</summary>
    public void WriteZone(uint serial, IEnumerable<string> addresses) =>
        File.WriteAllText(Path.Combine(ZonesPath, HealthZone.FileName), HealthZone.Text(serial, addresses));

    /// <summary>Starts the server with <paramref name="settings"/> on this rig's zone and state file.</summary>
    public async Task StartServerAsync(ProbeSettings settings, CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("the server is already running");
        }

        Dictionary<string, string?> configuration = settings.ToConfiguration(NodePort);
        configuration["Probe:StateFile"] = StateFile;
        configuration["Status:Listen"] = "127.0.0.1:0";
        _server = await DnsTestServer.StartAsync(ZonesPath, configuration, cancellationToken: cancellationToken);
    }

    /// <summary>Stops the server; the nodes keep running.</summary>
    public async Task StopServerAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    /// <summary><c>dig twopir.health.test A +short</c>: the served addresses, sorted.</summary>
    public async Task<string[]> AnswersAsync(CancellationToken cancellationToken) =>
        [.. (await Dig.ShortAsync(Server.Port, $"{HealthZone.CheckedName} A", cancellationToken)).Order(StringComparer.Ordinal)];

    /// <summary>The state the DNS server sees for <paramref name="address"/> (Drained when drained).</summary>
    public HealthState StateOf(string address) => Server.Services.GetRequiredService<IHealthView>().StateOf(IPAddress.Parse(address));

    /// <summary>Everything the prober knows of <paramref name="address"/>.</summary>
    public NodeSnapshot Snapshot(string address) =>
        Server.Services.GetRequiredService<HealthTable>().Report().SelectMany(name => name.Nodes).Single(node => node.Address.Equals(IPAddress.Parse(address)));

    /// <summary>Waits until every address in <paramref name="addresses"/> is in <paramref name="state"/>.</summary>
    /// <returns>Whether they all got there within <paramref name="within"/>.</returns>
    public async Task<bool> WaitForStateAsync(IEnumerable<string> addresses, HealthState state, TimeSpan within, CancellationToken cancellationToken)
    {
        string[] all = [.. addresses];
        return await Eventually(() => Task.FromResult(all.All(address => StateOf(address) == state)), done => done, within, cancellationToken);
    }

    /// <summary>The server's log entries with <paramref name="eventId"/> about <paramref name="address"/>.</summary>
    public IReadOnlyList<LogEntry> LogsAbout(string address, int eventId) =>
        [.. Server.Logs.WithEventId(eventId).Where(entry => entry.Message.StartsWith(address + " ", StringComparison.Ordinal))];

    /// <summary>An HTTP client for the status endpoint.</summary>
    public HttpClient CreateStatusClient() =>
        new(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{StatusEndpoint}"),
            Timeout = TimeSpan.FromSeconds(5),
        };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The server first: stopping the prober aborts any request a hanging node holds.
        await StopServerAsync();
        foreach (TestWebNode node in _nodes.Values)
        {
            node.Behaviour = WebNodeBehaviour.Serve;
            await node.DisposeAsync();
        }

        _work.Dispose();
    }

    /// <summary>
    /// Compiles, once, what a check runs through: a Kestrel node answering, an HTTP client asking,
    /// and a connection being refused. The first of each costs this process 100 ms or more of JIT,
    /// as long as the tests' whole timeout, and would fail the first rounds of the first test.
    /// </summary>
    private static async Task WarmUpAsync()
    {
        using HttpClient client = new(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true);
        TestWebNode node = await TestWebNode.StartAsync("127.0.0.49");
        Uri page = new($"http://{node.Endpoint}/");
        try
        {
            using HttpResponseMessage served = await client.GetAsync(page);
        }
        finally
        {
            await node.DisposeAsync();
        }

        try
        {
            using HttpResponseMessage refused = await client.GetAsync(page);
        }
        catch (HttpRequestException)
        {
            // Refused, as intended.
        }
    }

    /// <summary>Starts one node per address, all on one port free on every address; tries another port if one was taken meanwhile.</summary>
    private static async Task<(TestWebNode[] Nodes, int Port)> StartNodesAsync(IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort.On(IPAddress.Parse(addresses[0]));
            List<TestWebNode> started = [];
            bool listening = false;
            try
            {
                foreach (string address in addresses)
                {
                    started.Add(await TestWebNode.StartAsync(address, port, cancellationToken));
                }

                listening = true;
                return ([.. started], port);
            }
            catch (IOException) when (attempt < PortAttempts)
            {
                // Kestrel's "Failed to bind": the port was taken on one of the addresses meanwhile.
            }
            finally
            {
                if (!listening)
                {
                    foreach (TestWebNode node in started)
                    {
                        await node.DisposeAsync();
                    }
                }
            }
        }
    }
}
