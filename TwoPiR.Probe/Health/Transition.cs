using System.Net;

namespace TwoPiR.Probe.Health;

/// <summary>An address changing state, with why.</summary>
/// <param name="Address">The address.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state now.</param>
/// <param name="Rounds">How many rounds in a row decided it.</param>
/// <param name="LastDetail">What the last round saw.</param>
internal sealed record Transition(IPAddress Address, HealthState From, HealthState To, int Rounds, string LastDetail);
