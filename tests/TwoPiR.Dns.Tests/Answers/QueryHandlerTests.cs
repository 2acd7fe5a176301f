using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>The bad-input ladder of STYLE.md §5 and the EDNS rules of RFC 6891.</summary>
public sealed class QueryHandlerTests
{
    private static readonly Zone s_zone = TestZones.Load(AnswerZone.Text);
    private readonly QueryHandler _handler = TestHandlers.Create(TestZones.Store(s_zone), new DnsServerOptions { ErrorRepliesPerSecond = 0 });

    [TestCase(0)]
    [TestCase(11)]
    public void Handle_ShorterThanHeader_Drops(int length)
    {
        Assert.That(Handle(new byte[length]).Length, Is.EqualTo(0));
    }

    [Test]
    public void Handle_ResponseBitSet_Drops()
    {
        byte[] query = QueryBytes.Create("twopir.example.com", (ushort)RecordType.A);
        query[2] |= 0x80; // QR=1: a response, maybe reflected at us

        Assert.That(Handle(query).Length, Is.EqualTo(0));
    }

    [TestCase(1)] // IQUERY
    [TestCase(2)] // STATUS
    [TestCase(4)] // NOTIFY
    [TestCase(5)] // UPDATE
    [TestCase(15)]
    public void Handle_OpCodeOtherThanQuery_NotImplemented(int opCode)
    {
        byte[] query = QueryBytes.Create("twopir.example.com", (ushort)RecordType.A);
        query[2] = (byte)((query[2] & 0x87) | (opCode << 3));

        ResponseView response = Parse(Handle(query));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NotImplemented));
        Assert.That(response.Message[2] >> 3 & 0xF, Is.EqualTo(opCode), "opcode echoed");
    }

    [TestCase(0)]
    [TestCase(2)]
    public void Handle_QuestionCountNotOne_FormatErrorWithIdAndRd(int questions)
    {
        byte[] query = QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, id: 0xABCD);
        query[5] = (byte)questions;

        ResponseView response = Parse(Handle(query));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.FormatError));
        Assert.That(response.Id, Is.EqualTo(0xABCD));
        Assert.That(response.RecursionDesired, Is.True);
        Assert.That(response.Message.Length, Is.EqualTo(DnsHeader.Size), "counts zeroed, nothing echoed");
    }

    [Test]
    public void Handle_TruncatedQuestion_FormatError()
    {
        byte[] query = QueryBytes.Create("twopir.example.com", (ushort)RecordType.A);

        ResponseView response = Parse(Handle(query.AsSpan(0, query.Length - 3)));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.FormatError));
    }

    [Test]
    public void Handle_QuestionTypeOpt_FormatError()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("twopir.example.com", (ushort)RecordType.OPT)));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.FormatError));
    }

    [TestCase(3)] // CH
    [TestCase(4)] // HS
    [TestCase(255)] // ANY
    public void Handle_ClassOtherThanIn_Refused(int recordClass)
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, recordClass: (ushort)recordClass)));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
        Assert.That(response.Authoritative, Is.False);
    }

    [TestCase("example.org")]
    [TestCase("com")]
    [TestCase(".")]
    public void Handle_NameInNoZone_RefusedWithoutAaOrRa(string name)
    {
        ResponseView response = Parse(Handle(QueryBytes.Create(name, (ushort)RecordType.A)));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
        Assert.That(response.Authoritative, Is.False);
        Assert.That(response.RecursionAvailable, Is.False);
        Assert.That(response.QuestionName, Is.EqualTo(name.TrimEnd('.') + "."));
    }

    [Test]
    public void Handle_EdnsVersionOne_BadVersionWithOpt()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, ednsPayload: 1232, ednsVersion: 1)));

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.BadVersion));
        Assert.That(response.EdnsPayload, Is.EqualTo(1232));
        Assert.That(response.Answers, Is.Empty);
    }

    [Test]
    public void Handle_EdnsQuery_EchoesOptAdvertising1232AndDo()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, ednsPayload: 4096, dnssecOk: true)));

        Assert.That(response.EdnsPayload, Is.EqualTo(1232));
        Assert.That(response.DnssecOk, Is.True);
        Assert.That(response.Answers, Has.Count.EqualTo(2));
    }

    [Test]
    public void Handle_NoEdns_NoOptInResponse()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("twopir.example.com", (ushort)RecordType.A)));

        Assert.That(response.EdnsPayload, Is.Null);
    }

    [Test]
    public void Handle_Answer_CopiesRdAndCdLeavesRaClear()
    {
        byte[] query = QueryBytes.Create("twopir.example.com", (ushort)RecordType.A);
        query[3] |= 0x10; // CD

        ResponseView response = Parse(Handle(query));

        Assert.That(response.RecursionDesired, Is.True);
        Assert.That(response.RecursionAvailable, Is.False);
        Assert.That(response.Message[3] & 0x10, Is.EqualTo(0x10), "CD copied");
    }

    [Test]
    public void Handle_QuestionNameCase_EchoedInQuestionAndOwner()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("TwOpIr.ExAmPlE.cOm", (ushort)RecordType.A)));

        Assert.That(response.QuestionName, Is.EqualTo("TwOpIr.ExAmPlE.cOm."));
        Assert.That(response.Answers.Select(record => record.Owner), Is.All.EqualTo("TwOpIr.ExAmPlE.cOm."));
    }

    [Test]
    public void Handle_AnswerLargerThan512WithoutEdns_TruncatesWholeRRset()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("big.example.com", (ushort)RecordType.TXT)));

        Assert.That(response.Truncated, Is.True);
        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Message.Length, Is.LessThanOrEqualTo(512));
    }

    [TestCase((ushort)100, 512)]
    [TestCase((ushort)512, 512)]
    [TestCase((ushort)1000, 1000)]
    [TestCase((ushort)4096, 1232)]
    public void Handle_EdnsPayload_BoundsTheResponse(ushort payload, int limit)
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("big.example.com", (ushort)RecordType.TXT, ednsPayload: payload)));

        Assert.That(response.Message.Length, Is.LessThanOrEqualTo(limit));
        Assert.That(response.Truncated, Is.EqualTo(limit < 700), "three 220-octet strings need about 700 octets");
        Assert.That(response.Answers, Has.Count.EqualTo(limit < 700 ? 0 : 3));
    }

    [Test]
    public void Handle_LargeAnswerOverTcp_NotTruncated()
    {
        ResponseView response = Parse(Handle(QueryBytes.Create("big.example.com", (ushort)RecordType.TXT), DnsTransport.Tcp));

        Assert.That(response.Truncated, Is.False);
        Assert.That(response.Answers, Has.Count.EqualTo(3));
    }

    private byte[] Handle(ReadOnlySpan<byte> query, DnsTransport transport = DnsTransport.Udp)
    {
        byte[] response = new byte[ushort.MaxValue];
        QueryResult result = _handler.Handle(query, response, new QueryContext(transport));
        return response[..result.Length];
    }

    private static ResponseView Parse(byte[] response) => ResponseView.Parse(response);
}
