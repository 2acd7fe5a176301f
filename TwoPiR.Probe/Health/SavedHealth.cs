using System.Net;

namespace TwoPiR.Probe.Health;

/// <summary>What a state file held.</summary>
internal sealed record SavedHealth(IReadOnlyDictionary<IPAddress, (HealthState State, DateTimeOffset Since)> States, IReadOnlySet<IPAddress> Drained)
{
    /// <summary>Nothing saved.</summary>
    public static readonly SavedHealth Empty = new(new Dictionary<IPAddress, (HealthState, DateTimeOffset)>(), new HashSet<IPAddress>());
}
