using System.Diagnostics;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// The forwarding cache, against NSD: an answer is served without the upstream (stopped) for as
/// long as its TTL allows, counting the TTL down; then it is asked for again. Negative answers live
/// for the SOA MINIMUM, the least recently used goes first when the cache is full. Each test has
/// its own NSD and its own server, so the cache starts empty.
/// </summary>
[Category("Integration")]
public sealed class CacheTests
{
    private static readonly TimeSpan s_expiryLimit = TimeSpan.FromSeconds(4);

    [OneTimeSetUp]
    public void RequireTools()
    {
        Dig.EnsureInstalled();
        NsdUpstream.EnsureInstalled();
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_UpstreamStoppedWithinTheTtl_IsAnsweredFromTheCacheWithTheTtlCountingDown(CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([nsd.Upstream], cancellationToken: ct);
        DigMessage first = await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);
        await nsd.StopAsync();
        Assert.That(await Dig.AnswersAsync(nsd.Endpoint, FwdZone.Web, "A", ct), Is.Empty, "NSD still answers after being stopped");

        // Whole seconds come off: the TTL drops by one a second after the answer was cached.
        DigMessage cached = await Polling.Eventually(
            () => Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct), m => m.Answer.Count != 1 || m.Answer[0].Ttl < first.Answer[0].Ttl, s_expiryLimit, ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Answer.Select(record => record.Ttl), Is.EqualTo(new[] { FwdZone.LongTtl }));
            Assert.That(cached.Status, Is.EqualTo("NOERROR"));
            Assert.That(cached.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(cached.Answer.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.WebAddress }));
            Assert.That(cached.Answer.Select(record => record.Ttl), Has.All.InRange(FwdZone.LongTtl - 5, FwdZone.LongTtl - 1));
            Assert.That(metrics.Tries(nsd.Upstream), Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Misses, Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Hits, Is.GreaterThanOrEqualTo(1), metrics.ToString());
            Assert.That(metrics.Entries, Is.EqualTo(1), metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_CachedName_IsServedForAnySpellingInTheClientsSpelling(CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([nsd.Upstream], cancellationToken: ct);
        await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);
        await nsd.StopAsync();

        DigMessage cached = await Dig.QueryAsync(rig.Port, "TWOPIR.fwd.Test A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cached.Status, Is.EqualTo("NOERROR"));
            Assert.That(cached.Question.Select(question => question.Name), Is.EqualTo(new[] { "TWOPIR.fwd.Test." }));
            Assert.That(cached.Answer.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.WebAddress }));
        }
    }

    [TestCase(FwdZone.Short, "A", null, TestName = "{m}(TTL 1)")]
    [TestCase("nope.fwd.test", "A", null, TestName = "{m}(NXDOMAIN, MINIMUM 1)")]
    [TestCase(FwdZone.Web, "AAAA", null, TestName = "{m}(NODATA, MINIMUM 1)")]
    [TestCase(FwdZone.Web, "A", "00:00:01", TestName = "{m}(TTL 300, MaxCacheTtl 1 s)")]
    [CancelAfter(15_000)]
    public async Task Dig_CachedAnswer_IsAskedForAgainOnceItsTimeIsUp(string name, string type, string? maxCacheTtl, CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        Dictionary<string, string?> settings = [];
        if (maxCacheTtl is not null)
        {
            settings["Forwarding:MaxCacheTtl"] = maxCacheTtl; // a null value would bind as zero: nothing cached
        }

        await using ForwardingRig rig = await ForwardingRig.StartAsync([nsd.Upstream], settings, ct);
        await Dig.QueryAsync(rig.Port, $"{name} {type}", ct);
        Stopwatch cached = Stopwatch.StartNew();

        ForwardingMetrics metrics = await Polling.Eventually(
            async () =>
            {
                await Dig.QueryAsync(rig.Port, $"{name} {type}", ct);
                return await rig.MetricsAsync(ct);
            },
            m => m.Tries(nsd.Upstream) >= 2,
            s_expiryLimit,
            ct);

        TimeSpan expiredAfter = cached.Elapsed;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics.Tries(nsd.Upstream, "answered"), Is.EqualTo(2), "asked again once the second was up\n" + metrics);
            Assert.That(metrics.Hits, Is.GreaterThanOrEqualTo(1), "answered from the cache until then\n" + metrics);
            Assert.That(expiredAfter, Is.GreaterThan(TimeSpan.FromSeconds(0.8)), "kept for its whole second");
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_UpstreamStopped_NameNotCached_GetsServfailEveryTime(CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([nsd.Upstream], cancellationToken: ct);
        await nsd.StopAsync();

        DigMessage first = await Dig.QueryAsync(rig.Port, $"{FwdZone.Mail} A", ct);
        DigMessage second = await Dig.QueryAsync(rig.Port, $"{FwdZone.Mail} A", ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Status, Is.EqualTo("SERVFAIL"));
            Assert.That(first.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(second.Status, Is.EqualTo("SERVFAIL"));
            Assert.That(metrics.Tries(nsd.Upstream, "failed"), Is.EqualTo(2), "a closed port is refused at once, and a failure is not cached\n" + metrics);
            Assert.That(metrics.Entries, Is.Zero, metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_CacheFull_DropsTheLeastRecentlyUsedAnswer(CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync(
            [nsd.Upstream], new Dictionary<string, string?> { ["Forwarding:CacheEntries"] = "2" }, ct);
        await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);
        await Dig.QueryAsync(rig.Port, $"{FwdZone.Mail} A", ct);
        await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);   // a hit: Mail is now the least recently used
        await Dig.QueryAsync(rig.Port, $"{FwdZone.Medium} TXT", ct); // makes room by dropping Mail
        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        await nsd.StopAsync();

        DigMessage web = await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);
        DigMessage medium = await Dig.QueryAsync(rig.Port, $"{FwdZone.Medium} TXT", ct);
        DigMessage mail = await Dig.QueryAsync(rig.Port, $"{FwdZone.Mail} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics.Evictions, Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Entries, Is.EqualTo(2), metrics.ToString());
            Assert.That(web.Answer.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.WebAddress }));
            Assert.That(medium.Answer, Has.Count.EqualTo(FwdZone.MediumRecords));
            Assert.That(mail.Status, Is.EqualTo("SERVFAIL"), "evicted, and the upstream is gone");
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_NoCacheEntries_AsksTheUpstreamEveryTime(CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync(
            [nsd.Upstream], new Dictionary<string, string?> { ["Forwarding:CacheEntries"] = "0" }, ct);

        await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);
        DigMessage second = await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Answer.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.WebAddress }));
            Assert.That(metrics.Tries(nsd.Upstream, "answered"), Is.EqualTo(2), metrics.ToString());
            Assert.That(metrics.Hits, Is.Zero, metrics.ToString());
            Assert.That(metrics.Entries, Is.Zero, metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_CachedAnswerOverTheClientsUdpLimit_GetsTcThenTheWholeAnswerOverTcp(CancellationToken ct)
    {
        await using NsdUpstream nsd = await NsdUpstream.StartAsync(ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([nsd.Upstream], cancellationToken: ct);
        await Dig.QueryAsync(rig.Port, $"+tcp {FwdZone.Medium} TXT", ct);
        await nsd.StopAsync();

        DigMessage truncated = await Dig.QueryAsync(rig.Port, $"+ignore +notcp +noedns {FwdZone.Medium} TXT", ct);
        DigMessage whole = await Dig.QueryAsync(rig.Port, $"+tcp +noedns {FwdZone.Medium} TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(truncated.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra", "tc" }));
            Assert.That(truncated.AnswerCount, Is.Zero);
            Assert.That(whole.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(whole.Answer.Select(record => record.Data), Is.EquivalentTo(FwdZone.Texts(FwdZone.Medium)));
        }
    }
}
