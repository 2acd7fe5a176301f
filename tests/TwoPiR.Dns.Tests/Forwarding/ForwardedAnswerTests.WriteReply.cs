using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>ForwardedAnswer.WriteReply: one upstream answer relayed to each client as that client asked.</summary>
public sealed partial class ForwardedAnswerTests
{
    [Test]
    public void WriteReply_MixedCaseClient_KeepsItsIdAndSpellingAndPointersResolve()
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive());

        ResponseView reply = Parse(WriteReply(answer, ClientQuery("WwW.ExAmPlE.oRg", id: 0x4242)));

        Assert.That(reply.Id, Is.EqualTo(0x4242));
        Assert.That(reply.QuestionName, Is.EqualTo("WwW.ExAmPlE.oRg."));
        Assert.That(reply.Answers.Select(record => record.Owner), Is.All.EqualTo("WwW.ExAmPlE.oRg."), "pointers to offset 12 land on the client's question");
        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1", "192.0.2.2" }));
    }

    [Test]
    public void WriteReply_NegativeAnswer_SoaNamesResolveAgainstTheClientsQuestion()
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Negative(UpstreamReplies.NameError, 900, 60));

        ResponseView reply = Parse(WriteReply(answer, ClientQuery("WWW.EXAMPLE.ORG"), ageSeconds: 10));

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.NameError));
        Assert.That(reply.Authority, Is.EqualTo(new[] { new ResponseRecord("EXAMPLE.ORG.", RecordType.SOA, 50, "ns1.EXAMPLE.ORG.") }), "the negative TTL, 60, counted down (RFC 2308 §5)");
    }

    [Test]
    public void WriteReply_AuthoritativeUpstream_RaSetAndAaCleared()
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive(flags: 0x8500)); // QR, AA, RD; RA clear

        ResponseView reply = Parse(WriteReply(answer, ClientQuery()));

        Assert.That(reply.RecursionAvailable, Is.True, "we recursed for the client");
        Assert.That(reply.Authoritative, Is.False, "the answer is not ours");
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void WriteReply_ClientRdAndCd_CopiedFromTheClientNotTheUpstream(bool recursionDesired, bool checkingDisabled)
    {
        // The upstream's RD and CD are the opposite of the client's.
        ushort upstreamFlags = (ushort)(0x8080 | (recursionDesired ? 0 : 0x0100) | (checkingDisabled ? 0 : 0x0010));
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive(flags: upstreamFlags));
        byte[] client = ClientQuery(recursionDesired: recursionDesired);
        if (checkingDisabled)
        {
            client[3] |= 0x10; // CD
        }

        byte[] reply = WriteReply(answer, client);

        Assert.That(Parse(reply).RecursionDesired, Is.EqualTo(recursionDesired));
        Assert.That((reply[3] & 0x10) != 0, Is.EqualTo(checkingDisabled), "CD");
    }

    [TestCase(true, false, false, false)]
    [TestCase(true, true, false, true)] // the client set AD (RFC 6840 §5.7)
    [TestCase(true, false, true, true)] // the client set DO
    [TestCase(false, true, true, false)] // the upstream did not vouch
    public void WriteReply_AuthenticData_KeptOnlyForClientWithAdOrDo(bool upstreamAd, bool clientAd, bool clientDo, bool expected)
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive(flags: (ushort)(UpstreamReplies.NoError | (upstreamAd ? 0x0020 : 0))));
        byte[] client = ClientQuery(ednsPayload: clientDo ? (ushort)1232 : null, dnssecOk: clientDo);
        if (clientAd)
        {
            client[3] |= 0x20; // AD
        }

        byte[] reply = WriteReply(answer, client);

        Assert.That((reply[3] & 0x20) != 0, Is.EqualTo(expected), "AD");
    }

    [Test]
    public void WriteReply_ClientWithoutEdns_NoOpt()
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive());

        byte[] reply = WriteReply(answer, ClientQuery());

        Assert.That(Parse(reply).EdnsPayload, Is.Null);
        Assert.That(reply[10..12], Is.EqualTo(new byte[] { 0x00, 0x00 }), "ARCOUNT 0");
        Assert.That(reply, Has.Length.EqualTo(UpstreamReplies.RecordsOffset + 16 + 16));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void WriteReply_ClientWithEdns_OptWithOurPayloadAndTheClientsDo(bool dnssecOk)
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive());

        ResponseView reply = Parse(WriteReply(answer, ClientQuery(ednsPayload: 4096, dnssecOk: dnssecOk), payloadSize: 1400));

        Assert.That(reply.EdnsPayload, Is.EqualTo(1400));
        Assert.That(reply.DnssecOk, Is.EqualTo(dnssecOk));
        Assert.That(reply.Answers, Has.Count.EqualTo(2));
    }

    [TestCase(0u, 300u, 60u)]
    [TestCase(30u, 270u, 30u)]
    [TestCase(60u, 240u, 0u)]
    [TestCase(100u, 200u, 0u)] // never below zero
    public void WriteReply_Age_LowersEveryTtl(uint ageSeconds, uint first, uint second)
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive(firstTtl: 300, secondTtl: 60));

        ResponseView reply = Parse(WriteReply(answer, ClientQuery(), ageSeconds: ageSeconds));

        Assert.That(reply.Answers.Select(record => record.Ttl), Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void WriteReply_AfterAnAgedReply_CachedCopyUnchanged()
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive(firstTtl: 300, secondTtl: 60));
        WriteReply(answer, ClientQuery(), ageSeconds: 100);

        ResponseView reply = Parse(WriteReply(answer, ClientQuery()));

        Assert.That(reply.Answers.Select(record => record.Ttl), Is.EqualTo(new[] { 300u, 60u }));
    }

    [TestCase(false, 33)] // question only
    [TestCase(true, 44)] // question and OPT
    public void WriteReply_LargerThanTheClientsLimit_EmptyWithTc(bool edns, int length)
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive());

        // 60 octets: the question and one address fit, with the OPT reserved; both addresses need 65.
        byte[] reply = WriteReply(answer, ClientQuery(ednsPayload: edns ? (ushort)1232 : null), limit: 60);

        ResponseView view = Parse(reply);
        Assert.That(view.Truncated, Is.True);
        Assert.That(view.Answers, Is.Empty, "never part of an answer");
        Assert.That(view.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
        Assert.That(reply, Has.Length.EqualTo(length));
    }

    [Test]
    public void WriteReply_ExactlyTheClientsLimit_NotTruncated()
    {
        ForwardedAnswer answer = UpstreamReplies.Accept(UpstreamReplies.Positive());

        ResponseView reply = Parse(WriteReply(answer, ClientQuery(), limit: UpstreamReplies.RecordsOffset + 16 + 16));

        Assert.That(reply.Truncated, Is.False);
        Assert.That(reply.Answers, Has.Count.EqualTo(2));
    }

    /// <summary>A client's query for www.example.org A, spelled as the client likes.</summary>
    private static byte[] ClientQuery(string name = "www.example.org", ushort id = 0x1234, bool recursionDesired = true, ushort? ednsPayload = null, bool dnssecOk = false) =>
        QueryBytes.Create(name, (ushort)RecordType.A, id, recursionDesired: recursionDesired, ednsPayload: ednsPayload, dnssecOk: dnssecOk);

    private static byte[] WriteReply(ForwardedAnswer answer, byte[] client, int limit = ushort.MaxValue, uint ageSeconds = 0, ushort payloadSize = 1232)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsHeader.TryRead(client, out DnsHeader header);
        bool read = DnsQuery.TryRead(client, header, name, out DnsQuery query);
        Assert.That(read, Is.True);
        byte[] response = new byte[limit];
        int length = answer.WriteReply(query, response, ageSeconds, payloadSize);
        return response[..length];
    }

    private static ResponseView Parse(byte[] reply) => ResponseView.Parse(reply);
}
