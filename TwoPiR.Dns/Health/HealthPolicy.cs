using TwoPiR.Probe;

namespace TwoPiR.Dns.Health;

/// <summary>How the address records of a health-checked name are answered.</summary>
/// <param name="MaxTtl">The TTL cap, in seconds.</param>
/// <param name="WhenAllDown">What to answer when no address may be served.</param>
internal sealed record HealthPolicy(uint MaxTtl, AllDownPolicy WhenAllDown);
