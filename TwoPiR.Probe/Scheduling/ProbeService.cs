using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoPiR.Probe.Checks;
using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Scheduling;

/// <summary>
/// Runs one probe loop per address of the checked names, and follows the zones: a loop starts for
/// each new address, stops for each address gone, and restarts when an address's check changes.
/// </summary>
internal sealed class ProbeService : IHostedService, IProbeTargets, IDisposable
{
    private readonly Lock _lock = new();
    private readonly HealthTable _table;
    private readonly ProbeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ProbeService> _logger;
    private readonly HttpMessageInvoker _http = HttpHealthCheck.CreateClient();
    private readonly Dictionary<IPAddress, RunningProbe> _running = [];
    private readonly List<RunningProbe> _retiring = [];
    private IReadOnlyDictionary<IPAddress, CheckPlan> _wanted = new Dictionary<IPAddress, CheckPlan>();
    private CancellationTokenSource? _stopping;

    /// <summary>Creates the service.</summary>
    public ProbeService(HealthTable table, ProbeMetrics metrics, TimeProvider time, ILogger<ProbeService> logger)
    {
        _table = table;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>The addresses being probed now.</summary>
    public IReadOnlyCollection<IPAddress> Probing
    {
        get
        {
            lock (_lock)
            {
                return [.. _running.Keys];
            }
        }
    }

    /// <inheritdoc />
    public void SetAddresses(IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> addressesByName)
    {
        IReadOnlyDictionary<IPAddress, CheckPlan> wanted = _table.SetAddresses(addressesByName);
        foreach (CheckedName name in _table.CheckedNames.Where(name => !addressesByName.TryGetValue(name.Name, out IReadOnlyList<IPAddress>? list) || list.Count == 0))
        {
            ProbeLog.NameWithoutAddresses(_logger, name.Name);
        }

        lock (_lock)
        {
            _wanted = wanted;
            if (_stopping is not null)
            {
                Reconcile(_stopping.Token);
            }

            ProbeLog.Probing(_logger, wanted.Count, _table.CheckedNames.Count);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (CheckedName name in _table.CheckedNames)
        {
            CheckPlan plan = _table.Plans[name.Name];
            string check = plan.DescribeForAnyAddress();
            ProbeLog.NameChecked(_logger, name.Name, check, plan.Interval.TotalSeconds, plan.Fall, plan.Rise, plan.WorstCaseDetection.TotalSeconds);
        }

        lock (_lock)
        {
            _stopping = new CancellationTokenSource();
            Reconcile(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] loops;
        lock (_lock)
        {
            _stopping?.Cancel();
            loops = [.. _running.Values.Concat(_retiring).Select(probe => probe.Loop)];
            foreach (RunningProbe probe in _running.Values)
            {
                probe.Stop.Cancel();
            }
        }

        await Task.WhenAll(loops).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping?.Dispose();
        _http.Dispose();
        foreach (RunningProbe probe in _running.Values.Concat(_retiring))
        {
            probe.Stop.Dispose();
        }
    }

    private void Reconcile(CancellationToken stopping)
    {
        foreach (RunningProbe done in _retiring.Where(probe => probe.Loop.IsCompleted).ToArray())
        {
            done.Stop.Dispose();
            _retiring.Remove(done);
        }

        foreach ((IPAddress address, RunningProbe probe) in _running.ToArray())
        {
            if (!_wanted.TryGetValue(address, out CheckPlan? plan) || plan != probe.Plan)
            {
                probe.Stop.Cancel();
                _running.Remove(address);
                _retiring.Add(probe);
            }
        }

        foreach ((IPAddress address, CheckPlan plan) in _wanted)
        {
            if (!_running.ContainsKey(address))
            {
                _running[address] = Start(address, plan, stopping);
            }
        }
    }

    private RunningProbe Start(IPAddress address, CheckPlan plan, CancellationToken stopping)
    {
        IHealthCheck check = plan.Kind == CheckKind.Tcp ? new TcpHealthCheck(plan.Port, _time) : new HttpHealthCheck(_http, plan, _time);
        AddressProbe probe = new(address, plan, new CheckRound(check, plan, _time), _table, _metrics, _time, _logger);
        CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        return new RunningProbe(plan, stop, Task.Run(() => probe.RunAsync(stop.Token), CancellationToken.None));
    }

    private sealed record RunningProbe(CheckPlan Plan, CancellationTokenSource Stop, Task Loop);
}
