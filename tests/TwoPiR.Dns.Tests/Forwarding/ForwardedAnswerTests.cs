using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>ForwardedAnswer.TryRead: which upstream datagrams answer our question, and what is kept of them.</summary>
public sealed partial class ForwardedAnswerTests
{
    private static readonly CacheLimits s_limits = new(MaxSeconds: 86_400, MaxNegativeSeconds: 3_600);

    [Test]
    public void TryRead_MatchingReply_AcceptedWithoutTheUpstreamOpt()
    {
        byte[] reply = UpstreamReplies.Positive();

        UpstreamReply result = Read(reply, out ForwardedAnswer? answer);

        Assert.That(result, Is.EqualTo(UpstreamReply.Accepted));
        Assert.That(answer!.ResponseCode, Is.EqualTo(ResponseCode.NoError));
        Assert.That(answer.Size, Is.EqualTo(reply.Length - 11), "the OPT is hop-by-hop (RFC 6891 §6.1.1): cut off");
    }

    [Test]
    public void TryRead_OtherId_NotOurs()
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[1] = 0xEE; // ID 0xBEEE: a late reply to another query, or a spoofer's guess

        Assert.That(Read(reply, out ForwardedAnswer? answer), Is.EqualTo(UpstreamReply.NotOurs));
        Assert.That(answer, Is.Null);
    }

    [TestCase(14, (byte)'x')] // "wxw.example.org": another name of the same length
    [TestCase(UpstreamReplies.QuestionTypeOffset + 1, (byte)0x1C)] // QTYPE AAAA
    [TestCase(32, (byte)0x03)] // QCLASS CH
    public void TryRead_OtherQuestion_NotOurs(int offset, byte value)
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[offset] = value;

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.NotOurs));
    }

    [Test]
    public void TryRead_QuestionOfOtherLength_NotOurs()
    {
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, answers: 0, authority: 0, additional: 0),
            0x02, (byte)'w', (byte)'w', // label "ww": www.example.org has "www"
            0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', // label "example"
            0x03, (byte)'o', (byte)'r', (byte)'g', // label "org"
            0x00, // root
            0x00, 0x01, // QTYPE A
            0x00, 0x01, // QCLASS IN
        ];

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.NotOurs));
    }

    [Test]
    public void TryRead_ResponseBitClear_NotOurs()
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[2] &= 0x7F; // QR=0: a query, perhaps our own reflected back

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.NotOurs));
    }

    [TestCase(1)] // IQUERY
    [TestCase(2)] // STATUS
    [TestCase(4)] // NOTIFY
    public void TryRead_OpCodeNotQuery_NotOurs(int opCode)
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[2] = (byte)(0x81 | (opCode << 3)); // QR=1, the opcode in bits 3-6, RD=1

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.NotOurs));
    }

    [TestCase(0)]
    [TestCase(2)]
    public void TryRead_QuestionCountNotOne_NotOurs(int questions)
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[5] = (byte)questions; // QDCOUNT

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.NotOurs));
    }

    [TestCase(0)]
    [TestCase(11)]
    public void TryRead_ShorterThanHeader_NotOurs(int length)
    {
        Assert.That(Read(UpstreamReplies.Positive()[..length], out _), Is.EqualTo(UpstreamReply.NotOurs));
    }

    [Test]
    public void TryRead_NameInOtherCase_Accepted()
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[13] = (byte)'W'; // "Www": names compare without case (RFC 4343), and some upstreams echo 0x20-mixed case
        reply[17] = (byte)'E'; // "Example"

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.Accepted));
    }

    [Test]
    public void TryRead_TruncatedBitSet_Truncated()
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[2] |= 0x02; // TC=1: ask again over TCP

        Assert.That(Read(reply, out ForwardedAnswer? answer), Is.EqualTo(UpstreamReply.Truncated));
        Assert.That(answer, Is.Null);
    }

    [Test]
    public void TryRead_RecordsCutShortAtEveryOctet_Malformed()
    {
        byte[] reply = UpstreamReplies.Positive();
        for (int length = UpstreamReplies.RecordsOffset; length < reply.Length; length++)
        {
            Assert.That(Read(reply[..length], out _), Is.EqualTo(UpstreamReply.Malformed), $"cut to {length} octets");
        }
    }

    [TestCase(1, 0)] // the OPT as an answer
    [TestCase(0, 1)] // the OPT in authority
    public void TryRead_OptOutsideAdditional_Malformed(int answers, int authority)
    {
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, (ushort)answers, (ushort)authority, additional: 0),
            .. UpstreamReplies.Question(),
            .. UpstreamReplies.Opt(),
        ];

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.Malformed));
    }

    [Test]
    public void TryRead_OwnerPointerIntoTheHeader_Malformed()
    {
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, answers: 1, authority: 0, additional: 0),
            .. UpstreamReplies.Question(),
            0xC0, 0x0B, // owner: pointer to offset 11, ARCOUNT's low octet: 0x00, the root, here; 0x01 once we add our OPT
            0x00, 0x01, // TYPE A
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x01, 0x2C, // TTL 300
            0x00, 0x04, // RDLENGTH 4
            192, 0, 2, 1, // 192.0.2.1
        ];

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.Malformed)); // no name the relay keeps lives below offset 12
    }

    [Test]
    public void TryRead_OptWithExtendedResponseCode_Malformed()
    {
        byte[] reply = UpstreamReplies.Positive();
        reply[^6] = 0x01; // the OPT's EXTENDED-RCODE 1: an RCODE of 16 or more, lost when the OPT is cut off

        Assert.That(Read(reply, out _), Is.EqualTo(UpstreamReply.Malformed));
    }

    [Test]
    public void TryRead_RecordAfterOpt_CutOffWithOptAndAdditionalCountLowered()
    {
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, answers: 1, authority: 0, additional: 3),
            .. UpstreamReplies.Question(),
            .. UpstreamReplies.Address(300, 1), // the answer
            .. UpstreamReplies.Address(300, 53), // an additional record before the OPT: kept
            .. UpstreamReplies.Opt(),
            .. UpstreamReplies.Address(300, 99), // after the OPT, where a TSIG would be: cut off
        ];

        Read(reply, out ForwardedAnswer? answer);
        byte[] relayed = WriteReply(answer!, ClientQuery());

        Assert.That(answer!.Size, Is.EqualTo(UpstreamReplies.RecordsOffset + 16 + 16));
        Assert.That(relayed[10..12], Is.EqualTo(new byte[] { 0x00, 0x01 }), "ARCOUNT 1: the record before the OPT");
        Assert.That(Parse(relayed).Additional.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.53" }));
    }

    private static UpstreamReply Read(byte[] reply, out ForwardedAnswer? answer) =>
        ForwardedAnswer.TryRead(reply, UpstreamReplies.SentQuery(), s_limits, out answer);
}
