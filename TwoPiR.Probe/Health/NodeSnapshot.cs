using System.Net;

namespace TwoPiR.Probe.Health;

/// <summary>Everything known about one address at one moment, for the status page and the state file.</summary>
internal sealed record NodeSnapshot(
    IPAddress Address,
    HealthState State,
    DateTimeOffset Since,
    bool Drained,
    int ConsecutivePassed,
    int ConsecutiveFailed,
    DateTimeOffset? LastCheckedAt,
    bool? LastPassed,
    string? LastDetail,
    TimeSpan? LastLatency);
