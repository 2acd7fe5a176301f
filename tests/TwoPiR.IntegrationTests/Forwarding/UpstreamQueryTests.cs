using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// What goes upstream, as a scripted upstream records it: the client's question as spelled, RD,
/// a fresh random ID, our EDNS size whatever the client offered; and what comes back to the
/// client: its own ID, question and spelling, our OPT rather than the upstream's, the whole answer
/// fetched over TCP after a truncated one over UDP. One scripted upstream and one server serve
/// the fixture; each test asks its own names, so none is answered from another's cache.
/// </summary>
[Category("Integration")]
public sealed class UpstreamQueryTests : ScriptedUpstreamFixture
{
    private const string Answer = "192.0.2.20";
    private const int OurPayload = 1232;

    public UpstreamQueryTests()
        : base(FakeUpstream.Answering(60, Answer))
    {
    }

    [SetUp]
    public void ForgetQueries() => Scripted.Reset(FakeUpstream.Answering(60, Answer));

    [Test, CancelAfter(10_000)]
    public async Task Forward_UpstreamQuery_HasAFreshRandomIdAndAsksForRecursion(CancellationToken ct)
    {
        const ushort ClientId = 0x1234;
        string[] names = ["a.fwd.test", "b.fwd.test", "c.fwd.test", "d.fwd.test"];

        foreach (string name in names)
        {
            await Rig.UdpAsync(QueryBytes.Create(name, (ushort)RecordType.A, id: ClientId), ct);
        }

        IReadOnlyList<ReceivedQuery> sent = Scripted.Queries;
        Assert.That(sent.Select(query => query.Name), Is.EqualTo(names.Select(name => name + ".")), string.Join('\n', sent));
        using (Assert.EnterMultipleScope())
        {
            // RFC 5452 §9.2: unpredictable IDs. Four equal ones, or four copies of the client's, would not be.
            Assert.That(sent.Select(query => query.Id).Distinct().Count(), Is.GreaterThan(1), string.Join('\n', sent));
            Assert.That(sent.Select(query => query.Id), Has.Some.Not.EqualTo(ClientId), string.Join('\n', sent));
            Assert.That(sent.Select(query => query.Header.IsResponse), Has.All.False);
            Assert.That(sent.Select(query => query.Header.OpCode), Has.All.EqualTo(OpCode.Query));
            Assert.That(sent.Select(query => query.Has(HeaderFlags.RecursionDesired)), Has.All.True);
            Assert.That(sent.Select(query => query.Has(HeaderFlags.CheckingDisabled)), Has.All.False);
            Assert.That(sent.Select(query => query.Header.AnswerCount + query.Header.AuthorityCount), Has.All.Zero);
            Assert.That(sent.Select(query => query.OverTcp), Has.All.False);
        }
    }

    [TestCase(null, false)]
    [TestCase(512, false)]
    [TestCase(4096, false)]
    [TestCase(1232, true)]
    [CancelAfter(10_000)]
    public async Task Forward_AnyClientEdns_UpstreamQueryOffersOurPayloadSizeAndTheClientsDo(int? clientPayload, bool dnssecOk, CancellationToken ct)
    {

        ResponseView response = await Rig.UdpAsync(
            QueryBytes.Create($"edns{clientPayload}{(dnssecOk ? "do" : "")}.fwd.test", (ushort)RecordType.A, ednsPayload: (ushort?)clientPayload, dnssecOk: dnssecOk), ct);

        ReceivedQuery sent = Scripted.Queries.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.EdnsPayload, Is.EqualTo(OurPayload), "we take answers up to our size, whatever the client's");
            Assert.That(sent.DnssecOk, Is.EqualTo(dnssecOk));
            Assert.That(response.EdnsPayload, Is.EqualTo(clientPayload is null ? null : OurPayload), "an OPT back only to a client that sent one, with our size");
            Assert.That(response.DnssecOk, Is.EqualTo(dnssecOk));
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { Answer }));
        }
    }

    [TestCase(512)]
    [TestCase(4096)]
    [CancelAfter(10_000)]
    public async Task Forward_OurMaxUdpPayload_IsWhatWeOfferUpstream(int payload, CancellationToken ct)
    {
        await using FakeUpstream upstream = FakeUpstream.Start(FakeUpstream.Answering(60, Answer));
        await using ForwardingRig rig = await ForwardingRig.StartAsync(
            [upstream.Upstream], new Dictionary<string, string?> { ["Dns:MaxUdpPayload"] = $"{payload}" }, ct);

        ResponseView response = await rig.UdpAsync(QueryBytes.Create("payload.fwd.test", (ushort)RecordType.A, ednsPayload: 1232), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(upstream.Queries.Single().EdnsPayload, Is.EqualTo(payload));
            Assert.That(response.EdnsPayload, Is.EqualTo(payload));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_CheckingDisabled_IsPassedUpstreamAndBack(CancellationToken ct)
    {
        byte[] query = QueryBytes.Create("cd.fwd.test", (ushort)RecordType.A, ednsPayload: 1232);
        query[3] |= (byte)HeaderFlags.CheckingDisabled; // the low octet of the flags

        byte[] reply = await DnsUdpExchange.ExchangeAsync(Rig.Server.Endpoint, query, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Scripted.Queries.Single().Has(HeaderFlags.CheckingDisabled), Is.True);
            Assert.That(reply[3] & (byte)HeaderFlags.CheckingDisabled, Is.Not.Zero);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(10_000)]
    public async Task Forward_MixedCaseName_GoesUpstreamAndBackAsTheClientSpelledIt(bool tcp, CancellationToken ct)
    {
        // The upstream echoes the question in lower case (RFC 1034 §3.1 lets it): the client must still see its own spelling.
        Scripted.Script = query => [(UpstreamAnswer.To(query) with { Name = query.Name.ToLowerInvariant() }).WithAddresses(60, Answer).Reply()];
        string name = tcp ? "TwoPiR.Tcp.Fwd.TEST" : "TwoPiR.Udp.Fwd.TEST";
        byte[] query = QueryBytes.Create(name, (ushort)RecordType.A, id: 0xBEEF);

        ResponseView response = tcp ? await Rig.TcpAsync(query, ct) : await Rig.UdpAsync(query, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Scripted.Queries.Single().Name, Is.EqualTo(name + "."), "0x20 bits kept (draft-vixie-dnsext-dns0x20)");
            Assert.That(Scripted.Queries.Single().OverTcp, Is.False, "we ask upstream over UDP, however the client asked");
            Assert.That(response.Id, Is.EqualTo(0xBEEF));
            Assert.That(response.QuestionName, Is.EqualTo(name + "."));
            Assert.That(response.Answers.Select(record => (record.Owner, record.Data)), Is.EqualTo(new[] { (name + ".", Answer) }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_TruncatedOverUdp_IsAskedAgainOverTcpAndRelayedWhole(CancellationToken ct)
    {
        string[] addresses = [.. Enumerable.Range(1, 40).Select(i => $"192.0.2.{i}")];
        Scripted.Script = query => query.OverTcp
            ? [UpstreamAnswer.To(query).WithAddresses(60, addresses).Reply()]
            : [(UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.RecursionAvailable | HeaderFlags.Truncated }).Reply()];

        ResponseView response = await Rig.UdpAsync(QueryBytes.Create("many.fwd.test", (ushort)RecordType.A, ednsPayload: 1232), ct);

        IReadOnlyList<ReceivedQuery> sent = Scripted.Queries;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.Select(query => (query.OverTcp, query.Name)), Is.EqualTo(new[] { (false, "many.fwd.test."), (true, "many.fwd.test.") }));
            Assert.That(response.Truncated, Is.False, "40 addresses fit in 1232 octets");
            Assert.That(response.Answers.Select(record => record.Data), Is.EquivalentTo(addresses));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_UpstreamFlags_AaClearedAndAdOnlyForClientsThatAskForIt(CancellationToken ct)
    {
        Scripted.Script = query =>
        [
            (UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.Authoritative | HeaderFlags.AuthenticData | HeaderFlags.RecursionAvailable })
                .WithAddresses(60, Answer).Reply(),
        ];

        byte[] plain = await DnsUdpExchange.ExchangeAsync(Rig.Server.Endpoint, QueryBytes.Create("ad.fwd.test", (ushort)RecordType.A), ct);
        byte[] dnssec = await DnsUdpExchange.ExchangeAsync(Rig.Server.Endpoint, QueryBytes.Create("ad.fwd.test", (ushort)RecordType.A, ednsPayload: 1232, dnssecOk: true), ct);

        DnsHeader.TryRead(plain, out DnsHeader plainHeader);
        DnsHeader.TryRead(dnssec, out DnsHeader dnssecHeader);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plainHeader.Flags & HeaderFlags.Authoritative, Is.EqualTo(HeaderFlags.None), "the answer is not ours");
            Assert.That(plainHeader.Flags & HeaderFlags.AuthenticData, Is.EqualTo(HeaderFlags.None), "RFC 6840 §5.8: AD only to a client that set AD or DO");
            Assert.That(dnssecHeader.Flags & HeaderFlags.Authoritative, Is.EqualTo(HeaderFlags.None));
            Assert.That(dnssecHeader.Flags & HeaderFlags.AuthenticData, Is.EqualTo(HeaderFlags.AuthenticData));
        }
    }
}
