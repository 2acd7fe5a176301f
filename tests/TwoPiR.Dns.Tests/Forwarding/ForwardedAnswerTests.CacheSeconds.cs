using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>ForwardedAnswer.CacheSeconds: how long an accepted answer may be cached (RFC 2181 §8, RFC 2308 §5).</summary>
public sealed partial class ForwardedAnswerTests
{
    [TestCase(300u, 60u, 60u)]
    [TestCase(60u, 300u, 60u)]
    [TestCase(0u, 300u, 0u)]
    public void TryRead_Positive_CacheSecondsIsSmallestTtl(uint firstTtl, uint secondTtl, uint expected)
    {
        Read(UpstreamReplies.Positive(firstTtl: firstTtl, secondTtl: secondTtl), out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_PositiveTtlOverLimit_CappedAtMaxSeconds()
    {
        Read(UpstreamReplies.Positive(firstTtl: 200_000, secondTtl: 100_000), out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(86_400u));
    }

    [TestCase(UpstreamReplies.NameError, 900u, 60u, 60u)] // NXDOMAIN: MINIMUM is smaller
    [TestCase(UpstreamReplies.NameError, 30u, 60u, 30u)] // NXDOMAIN: the SOA's TTL is smaller
    [TestCase(UpstreamReplies.NoError, 900u, 60u, 60u)] // NODATA
    [TestCase(UpstreamReplies.NoError, 30u, 60u, 30u)]
    public void TryRead_Negative_CacheSecondsIsSoaTtlOrMinimumWhicheverIsLess(ushort flags, uint soaTtl, uint minimum, uint expected)
    {
        Read(UpstreamReplies.Negative(flags, soaTtl, minimum), out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(expected)); // RFC 2308 §5
    }

    [Test]
    public void TryRead_NegativeTtlOverLimit_CappedAtMaxNegativeSeconds()
    {
        Read(UpstreamReplies.Negative(UpstreamReplies.NameError, 86_400, 86_400), out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(3_600u));
    }

    [Test]
    public void TryRead_NameErrorThroughCname_CachedNoLongerThanTheCname()
    {
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NameError, answers: 1, authority: 1, additional: 0),
            .. UpstreamReplies.Question(),
            .. UpstreamReplies.Alias(ttl: 10), // www.example.org CNAME gone.example.org, which does not exist
            .. UpstreamReplies.Soa(ttl: 900, minimum: 60),
        ];

        Read(reply, out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(10u));
    }

    [Test]
    public void TryRead_NoDataThroughCname_CachedForTheNegativeTtl()
    {
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, answers: 1, authority: 1, additional: 0),
            .. UpstreamReplies.Question(),
            .. UpstreamReplies.Alias(ttl: 300), // www.example.org CNAME gone.example.org, which has no A
            .. UpstreamReplies.Soa(ttl: 900, minimum: 60), // RFC 2308 §2.2: NODATA, negative TTL 60
        ];

        Read(reply, out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(60u)); // RFC 2308 §5
    }

    [TestCase(UpstreamReplies.NameError)]
    [TestCase(UpstreamReplies.NoError)]
    public void TryRead_NegativeWithoutSoa_NotCached(ushort flags)
    {
        byte[] reply = [.. UpstreamReplies.Header(flags, answers: 0, authority: 0, additional: 1), .. UpstreamReplies.Question(), .. UpstreamReplies.Opt()];

        Read(reply, out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(0u));
    }

    [TestCase((ushort)0x8182, nameof(ResponseCode.ServerFailure))] // QR, RD, RA, SERVFAIL
    [TestCase((ushort)0x8185, nameof(ResponseCode.Refused))] // QR, RD, RA, REFUSED
    public void TryRead_ServerFailureOrRefused_AcceptedButNotCached(ushort flags, string code)
    {
        // The SOA would give a negative TTL if these codes were read as NXDOMAIN.
        UpstreamReply result = Read(UpstreamReplies.Negative(flags, 900, 60), out ForwardedAnswer? answer);

        Assert.That(result, Is.EqualTo(UpstreamReply.Accepted));
        Assert.That(answer!.ResponseCode, Is.EqualTo(Enum.Parse<ResponseCode>(code)));
        Assert.That(answer.CacheSeconds, Is.EqualTo(0u));
    }

    [TestCase(ForwardCache.MaxMessageSize, 300u)]
    [TestCase(ForwardCache.MaxMessageSize + 1, 0u)]
    public void TryRead_MessageSize_NotCachedOverMaxMessageSize(int size, uint expected)
    {
        int dataLength = size - UpstreamReplies.RecordsOffset - 12; // what the record's fixed fields leave for RDATA
        byte[] reply =
        [
            .. UpstreamReplies.Header(UpstreamReplies.NoError, answers: 1, authority: 0, additional: 1),
            .. UpstreamReplies.Question(),
            0xC0, 0x0C, // owner: pointer to the question name
            0x00, 0x0A, // TYPE NULL (RFC 1035 §3.3.10): any RDATA
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x01, 0x2C, // TTL 300
            .. UpstreamReplies.Big16((ushort)dataLength), // RDLENGTH
            .. new byte[dataLength], // RDATA
            .. UpstreamReplies.Opt(), // not kept, so not counted
        ];

        Read(reply, out ForwardedAnswer? answer);

        Assert.That(answer!.Size, Is.EqualTo(size));
        Assert.That(answer.CacheSeconds, Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_TtlWithTopBitSet_ReadAsZero()
    {
        Read(UpstreamReplies.Positive(firstTtl: 0x8000_0000, secondTtl: 60), out ForwardedAnswer? answer);

        Assert.That(answer!.CacheSeconds, Is.EqualTo(0u)); // RFC 2181 §8
        Assert.That(Parse(WriteReply(answer, ClientQuery())).Answers.Select(record => record.Ttl), Is.EqualTo(new[] { 0u, 60u }));
    }
}
