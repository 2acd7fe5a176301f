namespace TwoPiR.Dns.Forwarding;

/// <summary>The forwarding cache's counters and size at one moment.</summary>
/// <param name="Hits">Questions answered from the cache.</param>
/// <param name="Misses">Questions not in it, or expired there.</param>
/// <param name="Evictions">Answers dropped to make room before they expired.</param>
/// <param name="Entries">Answers held, fresh or expired.</param>
internal readonly record struct CacheCounts(long Hits, long Misses, long Evictions, int Entries);
