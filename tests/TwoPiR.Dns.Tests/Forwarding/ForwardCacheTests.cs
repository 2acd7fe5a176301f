using Microsoft.Extensions.Options;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>ForwardCache: keys, expiry on the manual clock, least-recently-used eviction, and its counters.</summary>
public sealed class ForwardCacheTests
{
    private const string Hits = "twopir.dns.forward.cache.hits";
    private const string Misses = "twopir.dns.forward.cache.misses";
    private const string Evictions = "twopir.dns.forward.cache.evictions";

    private static readonly ForwardedAnswer s_sixtySeconds = UpstreamReplies.Accept(UpstreamReplies.Positive(firstTtl: 300, secondTtl: 60));

    private readonly ManualTimeProvider _time = new();
    private ForwardMeterReadings _meters = null!;

    [SetUp]
    public void SetUp() => _meters = new ForwardMeterReadings();

    [TearDown]
    public void TearDown() => _meters.Dispose();

    [Test]
    public void TryGet_Empty_MissCounted()
    {
        ForwardCache cache = Create();

        bool found = cache.TryGet(Key(), out ForwardedAnswer? answer, out uint age);

        Assert.That(found, Is.False);
        Assert.That(answer, Is.Null);
        Assert.That(age, Is.EqualTo(0u));
        Assert.That(_meters.Total(Misses), Is.EqualTo(1));
        Assert.That(_meters.Total(Hits), Is.EqualTo(0));
    }

    [Test]
    public void TryGet_AfterAdd_SameAnswerAgeZeroHitCounted()
    {
        ForwardCache cache = Create();
        cache.Add(Key(), s_sixtySeconds);

        bool found = cache.TryGet(Key(), out ForwardedAnswer? answer, out uint age);

        Assert.That(found, Is.True);
        Assert.That(answer, Is.SameAs(s_sixtySeconds));
        Assert.That(age, Is.EqualTo(0u));
        Assert.That(_meters.Total(Hits), Is.EqualTo(1));
        Assert.That(_meters.Total(Misses), Is.EqualTo(0));
    }

    [TestCase("same", true)]
    [TestCase("name in other case", true)] // the caller lowers the name: RFC 4343
    [TestCase("other ID", true)]
    [TestCase("RD clear", true)]
    [TestCase("without EDNS", true)] // DO is clear either way
    [TestCase("type AAAA", false)]
    [TestCase("class CH", false)]
    [TestCase("DO set", false)] // the upstream adds RRSIGs
    [TestCase("CD set", false)] // the upstream skips validation
    public void TryGet_KeyOfAnotherQuery_FindsOnlyTheSameQuestionAndBits(string variant, bool expected)
    {
        ForwardCache cache = Create();
        cache.Add(Key(), s_sixtySeconds);

        byte[] other = variant switch
        {
            "name in other case" => UpstreamReplies.CacheKey(QueryBytes.Create("WWW.Example.ORG", (ushort)RecordType.A, ednsPayload: 1232)),
            "other ID" => UpstreamReplies.CacheKey(QueryBytes.Create("www.example.org", (ushort)RecordType.A, id: 0x9999, ednsPayload: 1232)),
            "RD clear" => UpstreamReplies.CacheKey(QueryBytes.Create("www.example.org", (ushort)RecordType.A, recursionDesired: false, ednsPayload: 1232)),
            "without EDNS" => UpstreamReplies.CacheKey(QueryBytes.Create("www.example.org", (ushort)RecordType.A)),
            "type AAAA" => UpstreamReplies.CacheKey(QueryBytes.Create("www.example.org", (ushort)RecordType.AAAA, ednsPayload: 1232)),
            "class CH" => UpstreamReplies.CacheKey(QueryBytes.Create("www.example.org", (ushort)RecordType.A, recordClass: 3, ednsPayload: 1232)),
            "DO set" => UpstreamReplies.CacheKey(QueryBytes.Create("www.example.org", (ushort)RecordType.A, ednsPayload: 1232, dnssecOk: true)),
            "CD set" => UpstreamReplies.CacheKey(WithCheckingDisabled(QueryBytes.Create("www.example.org", (ushort)RecordType.A, ednsPayload: 1232))),
            _ => Key(),
        };

        Assert.That(cache.TryGet(other, out _, out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryGet_JustBeforeCacheSeconds_Found()
    {
        ForwardCache cache = Create();
        cache.Add(Key(), s_sixtySeconds);

        _time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromTicks(1));

        Assert.That(cache.TryGet(Key(), out _, out uint age), Is.True);
        Assert.That(age, Is.EqualTo(59u));
    }

    [Test]
    public void TryGet_AtExactlyCacheSeconds_ExpiredAndRemoved()
    {
        ForwardCache cache = Create();
        cache.Add(Key(), s_sixtySeconds);

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.That(cache.TryGet(Key(), out ForwardedAnswer? answer, out _), Is.False);
        Assert.That(answer, Is.Null);
        Assert.That(cache.Count, Is.EqualTo(0));
        Assert.That(_meters.Total(Misses), Is.EqualTo(1));
    }

    [TestCase(999, 0u)]
    [TestCase(1_000, 1u)]
    [TestCase(2_900, 2u)]
    public void TryGet_AfterSomeTime_AgeInWholeSecondsRoundedDown(int milliseconds, uint expected)
    {
        ForwardCache cache = Create();
        cache.Add(Key(), s_sixtySeconds);

        _time.Advance(TimeSpan.FromMilliseconds(milliseconds));

        cache.TryGet(Key(), out _, out uint age);
        Assert.That(age, Is.EqualTo(expected));
    }

    [Test]
    public void Add_Full_EvictsTheLeastRecentlyUsedAndCountsIt()
    {
        ForwardCache cache = Create(entries: 2);
        cache.Add(Key("a.example.org"), s_sixtySeconds);
        cache.Add(Key("b.example.org"), s_sixtySeconds);
        cache.TryGet(Key("a.example.org"), out _, out _); // a is now the most recently used

        cache.Add(Key("c.example.org"), s_sixtySeconds);

        Assert.That(cache.Count, Is.EqualTo(2));
        Assert.That(cache.TryGet(Key("b.example.org"), out _, out _), Is.False, "b was the least recently used");
        Assert.That(cache.TryGet(Key("a.example.org"), out _, out _), Is.True);
        Assert.That(cache.TryGet(Key("c.example.org"), out _, out _), Is.True);
        Assert.That(_meters.Total(Evictions), Is.EqualTo(1));
    }

    [Test]
    public void Add_CapacityZero_CachesNothing()
    {
        ForwardCache cache = Create(entries: 0);

        cache.Add(Key(), s_sixtySeconds);

        Assert.That(cache.Count, Is.EqualTo(0));
        Assert.That(cache.TryGet(Key(), out _, out _), Is.False);
        Assert.That(_meters.Total(Evictions), Is.EqualTo(0));
    }

    [Test]
    public void Add_CacheSecondsZero_NotCached()
    {
        ForwardCache cache = Create();
        ForwardedAnswer uncacheable = UpstreamReplies.Accept(UpstreamReplies.Positive(firstTtl: 0));

        cache.Add(Key(), uncacheable);

        Assert.That(cache.Count, Is.EqualTo(0));
    }

    [Test]
    public void Add_SameKeyAgain_ReplacesTheEntryWithoutEviction()
    {
        ForwardCache cache = Create(entries: 1);
        ForwardedAnswer newer = UpstreamReplies.Accept(UpstreamReplies.Positive(firstTtl: 300, secondTtl: 300));
        cache.Add(Key(), s_sixtySeconds);
        _time.Advance(TimeSpan.FromSeconds(50));

        cache.Add(Key(), newer);
        _time.Advance(TimeSpan.FromSeconds(20)); // past the first answer's 60 seconds

        Assert.That(cache.TryGet(Key(), out ForwardedAnswer? answer, out uint age), Is.True);
        Assert.That(answer, Is.SameAs(newer));
        Assert.That(age, Is.EqualTo(20u), "aged from the replacement");
        Assert.That(cache.Count, Is.EqualTo(1));
        Assert.That(_meters.Total(Evictions), Is.EqualTo(0));
    }

    [Test]
    public void Count_EntriesGauge_ReportsTheAnswersHeld()
    {
        ForwardCache cache = Create();
        cache.Add(Key("a.example.org"), s_sixtySeconds);
        cache.Add(Key("b.example.org"), s_sixtySeconds);

        Assert.That(_meters.Observe("twopir.dns.forward.cache.entries"), Is.EqualTo(2));
    }

    private ForwardCache Create(int entries = 100) =>
        new(Options.Create(new ForwardingOptions { CacheEntries = entries }), _time, _meters.Metrics);

    private static byte[] Key(string name = "www.example.org") => UpstreamReplies.CacheKey(QueryBytes.Create(name, (ushort)RecordType.A, ednsPayload: 1232));

    private static byte[] WithCheckingDisabled(byte[] query)
    {
        query[3] |= 0x10; // CD
        return query;
    }
}
