namespace TwoPiR.Probe;

/// <summary>A health-checked DNS name, as the DNS server needs to know it.</summary>
/// <param name="Name">The name in lower case, without the final dot, e.g. <c>twopir.example.com</c>.</param>
/// <param name="WhenAllDown">What to answer when no address of the name may be served.</param>
/// <param name="MaxTtl">The longest TTL its address records are served with.</param>
/// <param name="WorstCaseDetection">The longest time from a node dying to the prober marking it Unhealthy.</param>
public sealed record CheckedName(string Name, AllDownPolicy WhenAllDown, TimeSpan MaxTtl, TimeSpan WorstCaseDetection);
