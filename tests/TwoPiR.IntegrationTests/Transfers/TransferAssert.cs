using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Transfers;

/// <summary>Checks shared by the transfer fixtures.</summary>
internal static class TransferAssert
{
    /// <summary>RFC 5936 §4.2: AXFR is a TCP exchange; over UDP the reply is NOTIMP with the question echoed.</summary>
    public static void NotImplementedOverUdp(byte[] query, byte[] reply)
    {
        Assert.That(MessageValidator.IsWellFormed(reply, out string problem), Is.True, problem);
        DnsHeader.TryRead(reply, out DnsHeader header);
        int questionEnd = DnsHeader.Size + TestQuery.EncodeName("example.com").Length + 4;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(header.Id, Is.EqualTo(0x4242));
            Assert.That(header.ResponseCode, Is.EqualTo(ResponseCode.NotImplemented));
            Assert.That(header.Flags & HeaderFlags.Authoritative, Is.EqualTo(HeaderFlags.None));
            Assert.That((header.QuestionCount, header.AnswerCount, header.AuthorityCount), Is.EqualTo((1, 0, 0)));
            Assert.That(reply[DnsHeader.Size..questionEnd], Is.EqualTo(query[DnsHeader.Size..questionEnd]), "the question is echoed");
        }
    }
}
