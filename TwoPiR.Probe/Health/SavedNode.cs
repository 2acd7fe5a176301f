namespace TwoPiR.Probe.Health;

/// <summary>One address's saved state.</summary>
internal sealed record SavedNode(string Address, HealthState State, DateTimeOffset Since);
