using System.Net;
using TwoPiR.Probe.Health;
using TwoPiR.Probe.Scheduling;
using TwoPiR.Testing;
using static TwoPiR.Probe.Tests.ProbeHarness;

namespace TwoPiR.Probe.Tests.Scheduling;

/// <summary>
/// The service that follows the zones, against real web nodes on loopback with the real clock and
/// a short interval. Waits poll with a deadline; a node that must not be probed any more is watched
/// while another node's requests show that several intervals passed.
/// </summary>
public sealed class ProbeServiceTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);
    private readonly List<TestWebNode> _nodes = [];
    private ProbeHarness _harness = null!;
    private ProbeService? _service;

    [SetUp]
    public void CreateHarness() => _harness = new ProbeHarness(TimeProvider.System);

    [TearDown]
    public async Task StopEverything()
    {
        if (_service is not null)
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
            _service = null;
        }

        foreach (TestWebNode node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
        _harness.Dispose();
    }

    [Test, CancelAfter(20_000)]
    public async Task SetAddresses_NewAddress_ProbedFromThen(CancellationToken ct)
    {
        (TestWebNode first, TestWebNode second) = await StartNodesAsync("127.0.0.21", "127.0.0.22", ct);
        await StartServiceAsync(Addresses((Name, ["127.0.0.21"])), Fast(first.Endpoint.Port));
        Assert.That(await Polling.UntilAsync(() => first.Requests > 0, s_wait, ct), Is.True);
        Assert.That(second.Requests, Is.Zero);

        _service!.SetAddresses(Addresses((Name, ["127.0.0.21", "127.0.0.22"])));

        Assert.That(await Polling.UntilAsync(() => second.Requests > 0, s_wait, ct), Is.True);
        Assert.That(_service.Probing, Is.EquivalentTo(new[] { IPAddress.Parse("127.0.0.21"), IPAddress.Parse("127.0.0.22") }));
        Assert.That(second.Hosts, Is.All.EqualTo(Name));
    }

    [Test, CancelAfter(20_000)]
    public async Task SetAddresses_AddressRemoved_NoLongerProbed(CancellationToken ct)
    {
        (TestWebNode gone, TestWebNode kept) = await StartNodesAsync("127.0.0.23", "127.0.0.24", ct);
        await StartServiceAsync(Addresses((Name, ["127.0.0.23", "127.0.0.24"])), Fast(gone.Endpoint.Port));
        Assert.That(await Polling.UntilAsync(() => gone.Requests > 0 && kept.Requests > 0, s_wait, ct), Is.True);

        _service!.SetAddresses(Addresses((Name, ["127.0.0.24"])));
        int removedAt = await RequestsAfterRoundsAsync(gone, kept, rounds: 2, ct); // a round under way may still land
        await RequestsAfterRoundsAsync(kept, kept, rounds: 5, ct);

        Assert.That(gone.Requests, Is.EqualTo(removedAt), "no round for an address no name holds");
        Assert.That(_service.Probing, Is.EqualTo(new[] { IPAddress.Parse("127.0.0.24") }));
        Assert.That(_harness.CreateTable().StateOf(IPAddress.Parse("127.0.0.23")), Is.EqualTo(HealthState.Unknown));
    }

    [Test, CancelAfter(20_000)]
    public async Task SetAddresses_PlanChanged_ProbeRestartsWithTheNewCheck(CancellationToken ct)
    {
        // One address, two web servers on it: b.example checks one port, a.example the other.
        TestWebNode oldPort = await StartNodeAsync("127.0.0.25", 0, ct);
        TestWebNode newPort = await StartNodeAsync("127.0.0.25", 0, ct);
        TestWebNode clock = await StartNodeAsync("127.0.0.26", 0, ct);
        _harness.Check("a.example", Fast(newPort.Endpoint.Port));
        _harness.Check("c.example", Fast(clock.Endpoint.Port));
        await StartServiceAsync(Addresses(("b.example", ["127.0.0.25"]), ("c.example", ["127.0.0.26"])), Fast(oldPort.Endpoint.Port), "b.example");
        Assert.That(await Polling.UntilAsync(() => oldPort.Requests > 0, s_wait, ct), Is.True);

        _service!.SetAddresses(Addresses(("a.example", ["127.0.0.25"]), ("b.example", ["127.0.0.25"]), ("c.example", ["127.0.0.26"])));

        Assert.That(await Polling.UntilAsync(() => newPort.Requests > 0, s_wait, ct), Is.True);
        int changedAt = await RequestsAfterRoundsAsync(oldPort, clock, rounds: 2, ct);
        await RequestsAfterRoundsAsync(clock, clock, rounds: 5, ct);
        Assert.That(oldPort.Requests, Is.EqualTo(changedAt), "the old check stopped");
        Assert.That(newPort.Hosts, Is.All.EqualTo("a.example"));
    }

    [Test, CancelAfter(20_000)]
    public async Task SetAddresses_SamePlanAgain_ProbeKeepsRunning(CancellationToken ct)
    {
        TestWebNode node = await StartNodeAsync("127.0.0.27", 0, ct);
        await StartServiceAsync(Addresses((Name, ["127.0.0.27"])), Fast(node.Endpoint.Port, rise: 1));
        Assert.That(await Polling.UntilAsync(() => _harness.Logs.WithEventId(2003).Count == 1, s_wait, ct), Is.True);

        _service!.SetAddresses(Addresses((Name, ["127.0.0.27"])));
        int reloadedAt = node.Requests;

        Assert.That(await Polling.UntilAsync(() => node.Requests >= reloadedAt + 3, s_wait, ct), Is.True);
        Assert.That(_harness.Logs.WithEventId(2004), Has.Count.EqualTo(1), "a reload that changes nothing starts nothing");
        Assert.That(_harness.Logs.WithEventId(2003), Has.Count.EqualTo(1));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_NodeFailsAndRecovers_TableFollows(CancellationToken ct)
    {
        TestWebNode node = await StartNodeAsync("127.0.0.28", 0, ct);
        HealthTable table = await StartServiceAsync(Addresses((Name, ["127.0.0.28"])), Fast(node.Endpoint.Port));
        IPAddress address = IPAddress.Parse("127.0.0.28");
        TimeSpan detection = s_wait; // not a timing test: a loaded machine may miss a few 100 ms timeouts
        // The state changes a moment before the transition is logged: wait for the log.
        Assert.That(await Polling.UntilAsync(() => Transitions() is [.., 2003], detection, ct), Is.True);
        int upAt = Transitions().Length; // the first checks of a cold process may time out at 100 ms

        node.Behaviour = WebNodeBehaviour.Fail;
        Assert.That(await Polling.UntilAsync(() => Transitions() is [.., 2002], detection, ct), Is.True);
        (HealthState down, string? failDetail) = (table.StateOf(address), table.Report()[0].Nodes[0].LastDetail);

        await node.StopAsync();
        Assert.That(await Polling.UntilAsync(() => table.Report()[0].Nodes[0].LastDetail == "connection refused", detection, ct), Is.True);

        await node.RestartAsync(ct);
        node.Behaviour = WebNodeBehaviour.Serve;
        Assert.That(await Polling.UntilAsync(() => Transitions() is [.., 2003], detection, ct), Is.True);

        Assert.That((down, failDetail), Is.EqualTo((HealthState.Unhealthy, "HTTP 503, not in 200-399")));
        Assert.That(table.StateOf(address), Is.EqualTo(HealthState.Healthy));
        Assert.That(Transitions()[upAt..], Is.EqualTo(new[] { 2002, 2003 }), "one log line per transition");
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_TcpCheck_ConnectsToThePort(CancellationToken ct)
    {
        TestWebNode node = await StartNodeAsync("127.0.0.29", 0, ct);
        NameCheckOptions tcp = Fast(node.Endpoint.Port, rise: 1);
        tcp.Check = CheckKind.Tcp;
        HealthTable table = await StartServiceAsync(Addresses((Name, ["127.0.0.29"])), tcp);

        Assert.That(await Polling.UntilAsync(() => table.StateOf(IPAddress.Parse("127.0.0.29")) == HealthState.Healthy, s_wait, ct), Is.True);
        Assert.That(table.Report()[0].Nodes[0].LastDetail, Is.EqualTo("connected"));
        Assert.That(node.Requests, Is.Zero, "a TCP check sends no request");
    }

    [Test, CancelAfter(20_000)]
    public async Task StopAsync_Running_EveryLoopEnds(CancellationToken ct)
    {
        (TestWebNode first, TestWebNode second) = await StartNodesAsync("127.0.0.30", "127.0.0.31", ct);
        await StartServiceAsync(Addresses((Name, ["127.0.0.30", "127.0.0.31"])), Fast(first.Endpoint.Port));
        Assert.That(await Polling.UntilAsync(() => first.Requests > 0 && second.Requests > 0, s_wait, ct), Is.True);

        await _service!.StopAsync(ct);
        (int first, int second) stoppedAt = (first.Requests, second.Requests);
        await Task.Delay(s_interval * 3, ct); // nothing to poll for: the loops are gone

        Assert.That((first.Requests, second.Requests), Is.EqualTo(stoppedAt));
    }

    [Test, CancelAfter(20_000)]
    public async Task StartAsync_Names_LogsEachCheckAndTheCount(CancellationToken ct)
    {
        TestWebNode node = await StartNodeAsync("127.0.0.32", 0, ct);

        await StartServiceAsync(Addresses((Name, ["127.0.0.32"])), Fast(node.Endpoint.Port));

        Assert.That(_harness.Logs.WithEventId(2001).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            $"{Name}: HTTP GET http://{{address}}:{node.Endpoint.Port}/ Host {Name}, status 200-399 every 0.1s; down after 2 failed rounds, up after 2 passed; a dead node is detected within 0.3s",
        }));
        Assert.That(_harness.Logs.WithEventId(2000).Select(entry => entry.Message), Is.EqualTo(new[] { "Probing 1 addresses for 1 health-checked names" }));
    }

    [Test, CancelAfter(20_000)]
    public async Task SetAddresses_NameWithoutAddresses_Warns(CancellationToken ct)
    {
        TestWebNode node = await StartNodeAsync("127.0.0.33", 0, ct);
        _harness.Check("empty.example", Fast(node.Endpoint.Port));

        await StartServiceAsync(Addresses((Name, ["127.0.0.33"])), Fast(node.Endpoint.Port));

        Assert.That(_harness.Logs.WithEventId(2006).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            "empty.example is health-checked but has no A or AAAA records in a loaded zone",
        }));
    }

    private int[] Transitions() => [.. _harness.Logs.Entries.Where(entry => entry.EventId is 2002 or 2003).Select(entry => entry.EventId)];

    private static NameCheckOptions Fast(int port, int rise = 2) => new()
    {
        Port = port,
        Interval = s_interval,
        Timeout = s_interval,
        Retries = 0,
        Fall = 2,
        Rise = rise,
        Jitter = TimeSpan.Zero,
    };

    /// <summary>Waits until <paramref name="clock"/> has seen <paramref name="rounds"/> more requests, then returns <paramref name="watched"/>'s count.</summary>
    private static async Task<int> RequestsAfterRoundsAsync(TestWebNode watched, TestWebNode clock, int rounds, CancellationToken ct)
    {
        int target = clock.Requests + rounds;
        Assert.That(await Polling.UntilAsync(() => clock.Requests >= target, s_wait, ct), Is.True, "the other probe kept going");
        return watched.Requests;
    }

    private async Task<HealthTable> StartServiceAsync(Dictionary<string, IReadOnlyList<IPAddress>> addresses, NameCheckOptions check, string name = Name)
    {
        _harness.Check(name, check);
        HealthTable table = _harness.CreateTable();
        _service = new ProbeService(table, _harness.CreateMetrics(table), _harness.Time, _harness.Logger<ProbeService>());
        _service.SetAddresses(addresses);
        Assert.That(_service.Probing, Is.Empty, "nothing runs before the host starts the service");
        await _service.StartAsync(CancellationToken.None);
        return table;
    }

    /// <summary>Two nodes on two addresses and one port, since a name checks one port on every address.</summary>
    private async Task<(TestWebNode First, TestWebNode Second)> StartNodesAsync(string first, string second, CancellationToken ct)
    {
        TestWebNode one = await StartNodeAsync(first, 0, ct);
        return (one, await StartNodeAsync(second, one.Endpoint.Port, ct));
    }

    private async Task<TestWebNode> StartNodeAsync(string address, int port, CancellationToken ct)
    {
        TestWebNode node = await TestWebNode.StartAsync(address, port, ct);
        _nodes.Add(node);
        return node;
    }
}
