using System.Diagnostics.Metrics;
using System.Net;
using TwoPiR.Probe.Checks;
using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Scheduling;

/// <summary>The prober's instruments: rounds by result, round latency, and each address's state.</summary>
internal sealed class ProbeMetrics
{
    /// <summary>The meter's name; the status endpoint exports every meter named <c>TwoPiR.*</c>.</summary>
    public const string MeterName = "TwoPiR.Probe";

    private static readonly double[] s_latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private static readonly HealthState[] s_states = Enum.GetValues<HealthState>();
    private readonly Counter<long> _rounds;
    private readonly Histogram<double> _latency;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public ProbeMetrics(IMeterFactory meters, HealthTable table)
    {
        Meter meter = meters.Create(MeterName);
        _rounds = meter.CreateCounter<long>("twopir.probe.rounds", unit: null, "Probe rounds by address and result");
        _latency = meter.CreateHistogram<double>(
            "twopir.probe.latency", "s", "How long probe rounds took, by address", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = s_latencyBuckets });
        meter.CreateObservableGauge("twopir.node.state", () => States(table), unit: null, "1 for the state each probed address is in (drained counts as its own state)");
    }

    /// <summary>Counts one finished round.</summary>
    public void RecordRound(IPAddress address, CheckResult result)
    {
        string text = address.ToString();
        _rounds.Add(1, new KeyValuePair<string, object?>("address", text), new KeyValuePair<string, object?>("result", result.Passed ? "pass" : "fail"));
        _latency.Record(result.Latency.TotalSeconds, new KeyValuePair<string, object?>("address", text));
    }

    private static IEnumerable<Measurement<int>> States(HealthTable table)
    {
        foreach (NodeSnapshot node in table.Report().SelectMany(name => name.Nodes).DistinctBy(node => node.Address))
        {
            HealthState served = node.Drained ? HealthState.Drained : node.State;
            foreach (HealthState state in s_states)
            {
                yield return new Measurement<int>(
                    state == served ? 1 : 0,
                    new KeyValuePair<string, object?>("address", node.Address.ToString()),
                    new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));
            }
        }
    }
}
