using System.Diagnostics.Metrics;
using System.Net;

namespace TwoPiR.Dns.Forwarding;

/// <summary>
/// Counts what forwarding does: cache hits, misses and evictions, upstream tries by outcome, and
/// queries dropped. The cache counts its own hits and misses under the lock it takes anyway and is
/// read at each scrape, as <see cref="DnsMetrics"/> does: a counter's Add on the answer path would
/// call every listener, the status endpoint's exporter included, for every cached answer.
/// </summary>
internal sealed class ForwardMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _tries;
    private readonly Counter<long> _discarded;
    private readonly Counter<long> _dropped;

    /// <summary>Creates the instruments on the server's meter.</summary>
    public ForwardMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(DnsMetrics.MeterName);
        _tries = _meter.CreateCounter<long>("twopir.dns.forward.upstream.tries", unit: null, "Questions sent to an upstream, by upstream and outcome");
        _discarded = _meter.CreateCounter<long>(
            "twopir.dns.forward.upstream.discarded", unit: null, "Datagrams from an upstream's address that did not answer the question asked (late or spoofed)");
        _dropped = _meter.CreateCounter<long>("twopir.dns.forward.dropped", unit: null, "UDP queries dropped because too many were waiting for upstreams");
    }

    /// <summary>Reports the counts and size of <paramref name="cache"/>, read at each scrape.</summary>
    public void Observe(ForwardCache cache)
    {
        _meter.CreateObservableCounter("twopir.dns.forward.cache.hits", () => cache.Counts.Hits, unit: null, "Forwarded questions answered from the cache");
        _meter.CreateObservableCounter("twopir.dns.forward.cache.misses", () => cache.Counts.Misses, unit: null, "Forwarded questions not in the cache, or expired there");
        _meter.CreateObservableCounter(
            "twopir.dns.forward.cache.evictions", () => cache.Counts.Evictions, unit: null, "Cached answers dropped to make room before they expired");
        _meter.CreateObservableGauge("twopir.dns.forward.cache.entries", () => cache.Counts.Entries, unit: null, "Answers in the forwarding cache");
    }

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
