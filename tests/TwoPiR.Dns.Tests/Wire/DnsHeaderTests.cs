using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

public sealed class DnsHeaderTests
{
    [Test]
    public void TryRead_QueryHeader_ReadsEveryField()
    {
        byte[] message =
        [
            0x12, 0x34, // ID
            0x29, 0x10, // QR=0, opcode 5 (UPDATE), RD=1, CD=1
            0x00, 0x01, // QDCOUNT 1
            0x00, 0x02, // ANCOUNT 2
            0x00, 0x03, // NSCOUNT 3
            0x00, 0x04, // ARCOUNT 4
        ];

        bool read = DnsHeader.TryRead(message, out DnsHeader header);

        Assert.That(read, Is.True);
        Assert.That(header, Is.EqualTo(new DnsHeader(
            0x1234, HeaderFlags.RecursionDesired | HeaderFlags.CheckingDisabled, OpCode.Update, ResponseCode.NoError, 1, 2, 3, 4)));
    }

    [Test]
    public void TryRead_ElevenOctets_ReturnsFalse()
    {
        Assert.That(DnsHeader.TryRead(new byte[11], out _), Is.False);
    }

    [Test]
    public void WriteTo_ExtendedResponseCode_KeepsOnlyTheLowFourBits()
    {
        byte[] written = new byte[DnsHeader.Size];

        new DnsHeader(0xBEEF, HeaderFlags.Response | HeaderFlags.Authoritative, OpCode.Query, ResponseCode.BadVersion, 1, 0, 0, 1).WriteTo(written);

        Assert.That(written, Is.EqualTo(new byte[]
        {
            0xBE, 0xEF, // ID
            0x84, 0x00, // QR=1, AA=1, RCODE 0: BADVERS (16) keeps its upper bits in OPT
            0x00, 0x01, // QDCOUNT
            0x00, 0x00, // ANCOUNT
            0x00, 0x00, // NSCOUNT
            0x00, 0x01, // ARCOUNT
        }));
    }

    [TestCase(0x00, 0x00, 0, 0)] // QUERY, NOERROR
    [TestCase(0x78, 0x00, 15, 0)] // opcode 15, the highest four-bit value
    [TestCase(0x00, 0x0F, 0, 15)] // RCODE 15
    [TestCase(0x87, 0xFF, 0, 15)] // every flag bit around a zero opcode
    public void TryRead_SecondWord_SplitsOpCodeFlagsAndResponseCode(byte high, byte low, int opCode, int responseCode)
    {
        byte[] message =
        [
            0x00, 0x00, // ID
            high, low, // QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // counts
        ];

        DnsHeader.TryRead(message, out DnsHeader header);

        Assert.That((int)header.OpCode, Is.EqualTo(opCode));
        Assert.That((int)header.ResponseCode, Is.EqualTo(responseCode));
        Assert.That((int)header.Flags, Is.EqualTo(((high << 8) | low) & ~0x780F));
    }

    [Test]
    public void WriteTo_ThenTryRead_ReturnsSameHeader()
    {
        DnsHeader original = new(0xFFFF, HeaderFlags.Response | HeaderFlags.Truncated | HeaderFlags.RecursionDesired,
            OpCode.Notify, ResponseCode.Refused, 0xFFFF, 0x0102, 0x0304, 0x0506);
        byte[] written = new byte[DnsHeader.Size];

        original.WriteTo(written);

        Assert.That(DnsHeader.TryRead(written, out DnsHeader read), Is.True);
        Assert.That(read, Is.EqualTo(original));
        Assert.That(read.IsResponse, Is.True);
    }
}
