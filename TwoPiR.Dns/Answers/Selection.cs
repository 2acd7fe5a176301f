using TwoPiR.Probe;

namespace TwoPiR.Dns.Answers;

/// <summary>What the selector decided for one RRset.</summary>
/// <param name="Count">How many records to write, from the start of the order.</param>
/// <param name="Ttl">The TTL to write them with: the zone's, capped for a health-checked name.</param>
/// <param name="Withheld">When no address may be served and the name's policy is not to fail open: NODATA or SERVFAIL; otherwise <see langword="null"/>.</param>
internal readonly record struct Selection(int Count, uint Ttl, AllDownPolicy? Withheld);
