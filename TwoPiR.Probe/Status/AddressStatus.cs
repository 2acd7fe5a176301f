using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Status;

/// <summary>One address of a name in <c>/status</c>.</summary>
internal sealed record AddressStatus(
    string Address,
    HealthState State,
    DateTimeOffset Since,
    bool Drained,
    bool Eligible,
    DateTimeOffset? LastCheckedAt,
    bool? LastPassed,
    string? LastDetail,
    double? LastLatencyMilliseconds,
    int ConsecutivePassed,
    int ConsecutiveFailed)
{
    /// <summary>Converts one address of the report.</summary>
    public static AddressStatus From(NodeSnapshot node) => new(
        node.Address.ToString(),
        node.State,
        node.Since,
        node.Drained,
        !node.Drained && node.State != HealthState.Unhealthy,
        node.LastCheckedAt,
        node.LastPassed,
        node.LastDetail,
        node.LastLatency is { } latency ? Math.Round(latency.TotalMilliseconds, 3) : null,
        node.ConsecutivePassed,
        node.ConsecutiveFailed);
}
