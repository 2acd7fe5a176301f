using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Tests.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>
/// QueryHandler with forwarding on: what goes to the forwarder, what is answered from its cache,
/// and what stays REFUSED. Our zones always win; RA goes to allowed clients only.
/// </summary>
public sealed class QueryHandlerForwardingTests
{
    private static readonly Zone s_zone = TestZones.Load(AnswerZone.Text);
    private static readonly ClientAddress s_allowed = ClientAddress.From(IPAddress.Loopback);
    private static readonly ClientAddress s_outside = ClientAddress.From(IPAddress.Parse("127.0.0.99"));

    private readonly ManualTimeProvider _time = new();
    private ForwardMeterReadings _meters = null!;
    private Rig _rig = null!;

    [SetUp]
    public void SetUp()
    {
        _meters = new ForwardMeterReadings();
        _rig = Create("127.0.0.1:9"); // the discard port: Handle never sends
    }

    [TearDown]
    public void TearDown() => _meters.Dispose();

    [Test]
    public void Handle_ForwardingOff_OutsideZonesRefusedWithoutRa()
    {
        QueryHandler handler = TestHandlers.Create(TestZones.Store(s_zone), new DnsServerOptions { ErrorRepliesPerSecond = 0 });

        ResponseView reply = ResponseView.Parse(Handle(handler, Query("www.example.org"), s_allowed));
        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
        Assert.That(reply.RecursionAvailable, Is.False);
    }

    [Test]
    public void Handle_AllowedClientCacheMiss_GoesToTheForwarder()
    {
        QueryResult result = _rig.Handler.Handle(Query("www.example.org"), new byte[512], new QueryContext(DnsTransport.Udp, s_allowed));

        Assert.That(result, Is.EqualTo(QueryResult.Forward));
        Assert.That(_meters.Total("twopir.dns.forward.cache.misses"), Is.EqualTo(1));
    }

    [TestCase("RD clear")]
    [TestCase("class CH")]
    [TestCase("AXFR")]
    [TestCase("IXFR")]
    public void Handle_AllowedClientButNotForwardable_RefusedWithRa(string scenario)
    {
        byte[] query = QueryBytes.Create(
            "www.example.org",
            scenario.EndsWith("XFR", StringComparison.Ordinal) ? (ushort)Enum.Parse<RecordType>(scenario) : (ushort)RecordType.A,
            recordClass: scenario == "class CH" ? (ushort)3 : (ushort)1,
            recursionDesired: scenario != "RD clear");

        foreach (DnsTransport transport in new[] { DnsTransport.Udp, DnsTransport.Tcp })
        {
            ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, query, s_allowed, transport));

            Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.Refused), $"over {transport}");
            Assert.That(reply.RecursionAvailable, Is.True, "we do recurse for this client, just not for this query");
        }
    }

    [Test]
    public void Handle_ClientOutsideAllowList_RefusedWithoutRa()
    {
        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, Query("www.example.org"), s_outside));

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
        Assert.That(reply.RecursionAvailable, Is.False);
        Assert.That(_meters.Total("twopir.dns.forward.cache.misses"), Is.EqualTo(0), "the cache is not even asked");
    }

    [Test]
    public void Handle_UnknownClient_RefusedWithoutRa()
    {
        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, Query("www.example.org"), ClientAddress.Unknown));

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
        Assert.That(reply.RecursionAvailable, Is.False);
    }

    [TestCase("twopir.example.com", (int)ResponseCode.NoError)]
    [TestCase("nope.example.com", (int)ResponseCode.NameError)] // absent from our zone: NXDOMAIN, never asked upstream
    [TestCase("TwOpIr.ExAmPlE.cOm", (int)ResponseCode.NoError)]
    public void Handle_NameInOurZone_AnsweredAuthoritativelyWithRa(string name, int code)
    {
        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, Query(name), s_allowed));

        Assert.That(reply.ResponseCode, Is.EqualTo(code));
        Assert.That(reply.Authoritative, Is.True);
        Assert.That(reply.RecursionAvailable, Is.True);
        Assert.That(_meters.Total("twopir.dns.forward.cache.misses"), Is.EqualTo(0), "never looked up for forwarding");
    }

    [Test]
    public void Handle_NameInOurZoneFromClientOutside_AnsweredWithoutRa()
    {
        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, Query("twopir.example.com"), s_outside));

        Assert.That(reply.Authoritative, Is.True);
        Assert.That(reply.RecursionAvailable, Is.False);
    }

    [Test]
    public void Handle_EdnsVersionOneOutsideZones_BadVersionNotForwarded()
    {
        byte[] query = QueryBytes.Create("www.example.org", (ushort)RecordType.A, ednsPayload: 1232, ednsVersion: 1);

        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, query, s_allowed));

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.BadVersion));
    }

    [Test]
    public void Handle_CachedAnswerAskedInOtherCase_RelayedWithTheClientsIdAndSpelling()
    {
        _rig.Cache.Add(UpstreamReplies.CacheKey(Query("www.example.org")), UpstreamReplies.Accept(UpstreamReplies.Positive()));

        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, QueryBytes.Create("WWW.example.ORG", (ushort)RecordType.A, id: 0x7777), s_allowed));

        Assert.That(reply.Id, Is.EqualTo(0x7777));
        Assert.That(reply.QuestionName, Is.EqualTo("WWW.example.ORG."));
        Assert.That(reply.Answers.Select(record => record.Owner), Is.All.EqualTo("WWW.example.ORG."));
        Assert.That(reply.RecursionAvailable, Is.True);
        Assert.That(reply.Authoritative, Is.False);
        Assert.That(_meters.Total("twopir.dns.forward.cache.hits"), Is.EqualTo(1));
    }

    [Test]
    public void Handle_CachedAnswerAfterSomeTime_TtlsLoweredByItsAge()
    {
        _rig.Cache.Add(UpstreamReplies.CacheKey(Query("www.example.org")), UpstreamReplies.Accept(UpstreamReplies.Positive(firstTtl: 300, secondTtl: 250)));
        _time.Advance(TimeSpan.FromSeconds(100.5));

        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, Query("www.example.org"), s_allowed));

        Assert.That(reply.Answers.Select(record => record.Ttl), Is.EqualTo(new[] { 200u, 150u }));
    }

    [TestCase(false, true)] // UDP without EDNS: 512 octets at most
    [TestCase(true, false)] // TCP
    public void Handle_CachedAnswerOver512_TruncatedOverUdpOnly(bool overTcp, bool truncated)
    {
        byte[] big =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, answers: 1, authority: 0, additional: 0),
            .. UpstreamReplies.Question(),
            0xC0, 0x0C, // owner: pointer to the question name
            0x00, 0x0A, // TYPE NULL
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x01, 0x2C, // TTL 300
            0x02, 0x58, // RDLENGTH 600
            .. new byte[600], // RDATA
        ];
        _rig.Cache.Add(UpstreamReplies.CacheKey(Query("www.example.org")), UpstreamReplies.Accept(big));

        ResponseView reply = ResponseView.Parse(Handle(_rig.Handler, Query("www.example.org"), s_allowed, overTcp ? DnsTransport.Tcp : DnsTransport.Udp));

        Assert.That(reply.Truncated, Is.EqualTo(truncated));
        Assert.That(reply.Answers, Has.Count.EqualTo(truncated ? 0 : 1));
    }

    [Test, CancelAfter(10_000)]
    public async Task Handle_AfterTheForwarderAnswered_NextQueryAnsweredFromCache(CancellationToken cancellationToken)
    {
        await using ScriptedUpstream upstream = new(query => [UpstreamReplies.AnswerTo(query)]);
        Rig rig = Create(upstream.Address);
        byte[] query = Query("www.example.org");
        byte[] response = new byte[ushort.MaxValue];
        Assert.That(rig.Handler.Handle(query, response, new QueryContext(DnsTransport.Udp, s_allowed)).ToUpstream, Is.True);
        await rig.Forwarder.ForwardAsync(query, response, DnsTransport.Udp, cancellationToken);

        ResponseView reply = ResponseView.Parse(Handle(rig.Handler, query, s_allowed));

        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1" }));
        Assert.That(upstream.Queries, Has.Count.EqualTo(1), "the second query never left");
    }

    [Test]
    public void Handle_ThousandWarmCacheHitsAndMisses_AllocateNothing()
    {
        // Instruments nobody listens to: a listener's own bookkeeping would be counted here.
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Rig rig = Create("127.0.0.1:9", new ForwardMetrics(services.GetRequiredService<IMeterFactory>()));
        byte[] withDo = QueryBytes.Create("www.example.org", (ushort)RecordType.A, ednsPayload: 1232, dnssecOk: true);
        rig.Cache.Add(UpstreamReplies.CacheKey(Query("www.example.org")), UpstreamReplies.Accept(UpstreamReplies.Positive()));
        rig.Cache.Add(UpstreamReplies.CacheKey(withDo), UpstreamReplies.Accept(UpstreamReplies.Negative(UpstreamReplies.NameError, 900, 60)));
        byte[][] queries =
        [
            Query("www.example.org"),
            QueryBytes.Create("WwW.ExAmPlE.oRg", (ushort)RecordType.A, ednsPayload: 1232),
            withDo,
            Query("miss.example.org"), // not cached: passed to the forwarder
        ];
        byte[] response = new byte[ushort.MaxValue];
        RunAll(rig.Handler, queries, response, rounds: 1000);
        _time.Advance(TimeSpan.FromSeconds(10)); // aged now: every TTL is rewritten on the way out

        long before = GC.GetAllocatedBytesForCurrentThread();
        int answered = RunAll(rig.Handler, queries, response, rounds: 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.EqualTo(0));
        Assert.That(answered, Is.EqualTo(3000), "three of the four from the cache");
    }

    /// <summary>A handler that forwards to <paramref name="upstream"/> for 127.0.0.1 only, with its cache and forwarder at hand.</summary>
    private Rig Create(string upstream, ForwardMetrics? metrics = null)
    {
        metrics ??= _meters.Metrics;
        ForwardingOptions forwarding = new() { Upstreams = { upstream }, AllowRecursion = { "127.0.0.1/32" } };
        DnsServerOptions options = new() { ErrorRepliesPerSecond = 0 };
        ForwardCache cache = new(Options.Create(forwarding), _time, metrics);
        Forwarder forwarder = TestHandlers.CreateForwarder(Options.Create(options), forwarding, _time, NullLoggerFactory.Instance, cache, metrics);
        return new Rig(TestHandlers.Create(TestZones.Store(s_zone), options, time: _time, forwarder: forwarder), cache, forwarder);
    }

    private static int RunAll(QueryHandler handler, byte[][] queries, byte[] response, int rounds)
    {
        int answered = 0;
        QueryContext context = new(DnsTransport.Udp, s_allowed);
        for (int round = 0; round < rounds; round++)
        {
            foreach (byte[] query in queries)
            {
                answered += handler.Handle(query, response, context).Length > 0 ? 1 : 0;
            }
        }

        return answered;
    }

    private static byte[] Query(string name) => QueryBytes.Create(name, (ushort)RecordType.A);

    private static byte[] Handle(QueryHandler handler, byte[] query, ClientAddress client, DnsTransport transport = DnsTransport.Udp)
    {
        byte[] response = new byte[ushort.MaxValue];
        QueryResult result = handler.Handle(query, response, new QueryContext(transport, client));
        return response[..result.Length];
    }

    private sealed record Rig(QueryHandler Handler, ForwardCache Cache, Forwarder Forwarder);
}
