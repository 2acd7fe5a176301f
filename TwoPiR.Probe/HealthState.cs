namespace TwoPiR.Probe;

/// <summary>What the prober currently believes about one address.</summary>
public enum HealthState
{
    /// <summary>Not (yet) checked: served, because a server that has not looked must not hide a node.</summary>
    Unknown = 0,

    /// <summary>The last checks passed the rise threshold: served.</summary>
    Healthy = 1,

    /// <summary>The last checks reached the fall threshold: left out of answers.</summary>
    Unhealthy = 2,

    /// <summary>An operator took the address out of service: left out of answers whatever its health.</summary>
    Drained = 3,
}
