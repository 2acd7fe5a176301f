using System.Diagnostics.Metrics;
using System.Net;

namespace TwoPiR.Dns.Forwarding;

/// <summary>Counts what forwarding does: cache hits, misses and evictions, upstream tries by outcome, and queries dropped.</summary>
internal sealed class ForwardMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _tries;
    private readonly Counter<long> _discarded;
    private readonly Counter<long> _dropped;

    /// <summary>Creates the instruments on the server's meter.</summary>
    public ForwardMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(DnsMetrics.MeterName);
        _hits = _meter.CreateCounter<long>("twopir.dns.forward.cache.hits", unit: null, "Forwarded questions answered from the cache");
        _misses = _meter.CreateCounter<long>("twopir.dns.forward.cache.misses", unit: null, "Forwarded questions not in the cache, or expired there");
        _evictions = _meter.CreateCounter<long>("twopir.dns.forward.cache.evictions", unit: null, "Cached answers dropped to make room before they expired");
        _tries = _meter.CreateCounter<long>("twopir.dns.forward.upstream.tries", unit: null, "Questions sent to an upstream, by upstream and outcome");
        _discarded = _meter.CreateCounter<long>(
            "twopir.dns.forward.upstream.discarded", unit: null, "Datagrams from an upstream's address that did not answer the question asked (late or spoofed)");
        _dropped = _meter.CreateCounter<long>("twopir.dns.forward.dropped", unit: null, "UDP queries dropped because too many were waiting for upstreams");
    }

    /// <summary>Reports the cache's size, read at each scrape.</summary>
    public void ObserveCacheEntries(Func<int> count) =>
        _meter.CreateObservableGauge("twopir.dns.forward.cache.entries", count, unit: null, "Answers in the forwarding cache");

    /// <summary>One question answered from the cache.</summary>
    public void CacheHit() => _hits.Add(1);

    /// <summary>One question the cache could not answer.</summary>
    public void CacheMiss() => _misses.Add(1);

    /// <summary>One answer evicted before it expired.</summary>
    public void CacheEviction() => _evictions.Add(1);

    /// <summary>One try of <paramref name="upstream"/>, ending in <paramref name="outcome"/>.</summary>
    public void UpstreamTry(IPEndPoint upstream, UpstreamOutcome outcome) =>
        _tries.Add(1, new KeyValuePair<string, object?>("upstream", upstream.ToString()), new KeyValuePair<string, object?>("outcome", OutcomeLabel(outcome)));

    /// <summary>One datagram from <paramref name="upstream"/> that was not the answer awaited.</summary>
    public void Discarded(IPEndPoint upstream) => _discarded.Add(1, new KeyValuePair<string, object?>("upstream", upstream.ToString()));

    /// <summary>One UDP query dropped for want of room.</summary>
    public void Dropped() => _dropped.Add(1);

    private static string OutcomeLabel(UpstreamOutcome outcome) => outcome switch
    {
        UpstreamOutcome.Answered => "answered",
        UpstreamOutcome.Failed => "failed",
        UpstreamOutcome.TimedOut => "timeout",
        UpstreamOutcome.Unusable => "servfail_or_refused",
        _ => "skipped",
    };
}
