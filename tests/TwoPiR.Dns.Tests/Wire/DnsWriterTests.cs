using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>DnsWriter sections, counts, OPT, limits and rollback; compression has its own fixture.</summary>
public sealed partial class DnsWriterTests
{
    private static readonly byte[] s_example = WireNames.Of("example.com");
    private static readonly byte[] s_www = WireNames.Of("www.example.com");
    private static readonly byte[] s_address = [192, 0, 2, 1];

    [Test]
    public void Length_NewWriter_IsHeaderSize()
    {
        DnsWriter writer = new(new byte[512], new ushort[16]);

        Assert.That(writer.Length, Is.EqualTo(DnsHeader.Size));
    }

    [Test]
    public void TryWriteQuestion_FirstName_WritesItInFullAfterHeader()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);

        bool written = writer.TryWriteQuestion(s_example, RecordType.AAAA, RecordClass.IN);

        Assert.That(written, Is.True);
        Assert.That(buffer[12..writer.Length], Is.EqualTo(new byte[]
        {
            0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', // label "example"
            0x03, (byte)'c', (byte)'o', (byte)'m', // label "com"
            0x00, // root
            0x00, 0x1C, // QTYPE AAAA
            0x00, 0x01, // QCLASS IN
        }));
    }

    [Test]
    public void Finish_AfterEverySection_WritesHeaderWithCountsAndReturnsLength()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);
        writer.TryWriteQuestion(s_www, RecordType.A, RecordClass.IN);
        writer.TryWriteRecord(DnsSection.Answer, s_www, RecordType.A, 300, s_address);
        writer.TryWriteRecord(DnsSection.Answer, s_www, RecordType.A, 300, [192, 0, 2, 2]);
        writer.TryWriteRecord(DnsSection.Authority, s_example, RecordType.NS, 3600, WireNames.Of("ns1.example.com"));
        writer.TryWriteRecord(DnsSection.Additional, WireNames.Of("ns1.example.com"), RecordType.A, 3600, [192, 0, 2, 53]);
        writer.TryWriteOpt(1232, ResponseCode.NoError, dnssecOk: false);

        int length = writer.Finish(0xBEEF, HeaderFlags.Response | HeaderFlags.Authoritative, OpCode.Query, ResponseCode.NameError);

        Assert.That(length, Is.EqualTo(writer.Length));
        Assert.That(writer.CountOf(DnsSection.Answer), Is.EqualTo(2));
        Assert.That(writer.CountOf(DnsSection.Authority), Is.EqualTo(1));
        Assert.That(writer.CountOf(DnsSection.Additional), Is.EqualTo(2));
        Assert.That(buffer[..DnsHeader.Size], Is.EqualTo(new byte[]
        {
            0xBE, 0xEF, // ID
            0x84, 0x03, // QR=1, opcode QUERY, AA=1, RCODE 3 (NXDOMAIN)
            0x00, 0x01, // QDCOUNT 1
            0x00, 0x02, // ANCOUNT 2
            0x00, 0x01, // NSCOUNT 1
            0x00, 0x02, // ARCOUNT 2: the glue and the OPT
        }));
    }

    [Test]
    public void Finish_ExtendedResponseCode_PutsOnlyLowFourBitsInHeader()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);

        writer.Finish(0x0001, HeaderFlags.Response, OpCode.Query, ResponseCode.BadVersion);

        Assert.That(buffer[2..4], Is.EqualTo(new byte[] { 0x80, 0x00 })); // QR=1, RCODE 0: BADVERS is 16
    }

    [TestCase(nameof(ResponseCode.NoError), false, 0x00, 0x00)]
    [TestCase(nameof(ResponseCode.NoError), true, 0x00, 0x80)]
    [TestCase(nameof(ResponseCode.FormatError), false, 0x00, 0x00)] // codes up to 15 live in the header alone
    [TestCase(nameof(ResponseCode.BadVersion), false, 0x01, 0x00)] // 16 >> 4 = 1 in the TTL's top octet
    [TestCase(nameof(ResponseCode.BadVersion), true, 0x01, 0x80)]
    public void TryWriteOpt_CodeAndDo_LaysOutRfc6891Record(string codeName, bool dnssecOk, int extendedCode, int flagsHigh)
    {
        ResponseCode code = Enum.Parse<ResponseCode>(codeName);
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);

        bool written = writer.TryWriteOpt(1232, code, dnssecOk);

        Assert.That(written, Is.True);
        Assert.That(writer.CountOf(DnsSection.Additional), Is.EqualTo(1));
        Assert.That(buffer[12..writer.Length], Is.EqualTo(new byte[]
        {
            0x00, // NAME: root
            0x00, 0x29, // TYPE OPT (41)
            0x04, 0xD0, // CLASS: UDP payload size 1232
            (byte)extendedCode, // TTL: EXTENDED-RCODE, the upper eight bits of the 12-bit code
            0x00, // TTL: VERSION 0
            (byte)flagsHigh, 0x00, // TTL: DO bit, then Z
            0x00, 0x00, // RDLENGTH 0
        }));
    }

    [Test]
    public void TryWriteOpt_BufferFull_ReturnsFalseAndChangesNothing()
    {
        DnsWriter writer = new(new byte[DnsHeader.Size + 10], new ushort[16]);

        Assert.That(writer.TryWriteOpt(1232, ResponseCode.NoError, dnssecOk: true), Is.False);
        Assert.That(writer.Length, Is.EqualTo(DnsHeader.Size));
        Assert.That(writer.CountOf(DnsSection.Additional), Is.EqualTo(0));
    }

    [Test]
    public void TryWriteQuestion_BufferFull_ReturnsFalseAndCountsNothing()
    {
        byte[] buffer = new byte[DnsHeader.Size + 16]; // one octet short of name, QTYPE and QCLASS
        DnsWriter writer = new(buffer, new ushort[16]);

        bool written = writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
        writer.Finish(0, HeaderFlags.Response, OpCode.Query, ResponseCode.NoError);

        Assert.That(written, Is.False);
        Assert.That(writer.Length, Is.EqualTo(DnsHeader.Size));
        Assert.That(buffer[4..6], Is.EqualTo(new byte[] { 0x00, 0x00 })); // QDCOUNT 0
    }

    [Test]
    public void TryWriteRecord_BufferFullAtEveryOctet_ReturnsFalseAndLeavesLengthAndCounts()
    {
        // Question (29 octets with the header), then MX: owner 6 + fixed 10 + RDATA 9 = 25 octets.
        byte[] mx = [0x00, 0x0A, .. WireNames.Of("mail.example.com")];
        for (int size = 29; size < 54; size++)
        {
            DnsWriter writer = new(new byte[size], new ushort[16]);
            writer.TryWriteQuestion(s_example, RecordType.MX, RecordClass.IN);

            bool written = writer.TryWriteRecord(DnsSection.Answer, s_www, RecordType.MX, 300, mx);

            Assert.That(written, Is.False, $"buffer of {size}");
            Assert.That(writer.Length, Is.EqualTo(29), $"buffer of {size}");
            Assert.That(writer.CountOf(DnsSection.Answer), Is.EqualTo(0), $"buffer of {size}");
        }

        DnsWriter fits = new(new byte[54], new ushort[16]);
        fits.TryWriteQuestion(s_example, RecordType.MX, RecordClass.IN);
        Assert.That(fits.TryWriteRecord(DnsSection.Answer, s_www, RecordType.MX, 300, mx), Is.True);
        Assert.That(fits.Length, Is.EqualTo(54));
    }

    [Test]
    public void Reserve_HeldOctets_AreNotUsedUntilReleased()
    {
        // Header 12 + question 17 + A record with compressed owner 16 = 45 octets.
        DnsWriter writer = new(new byte[45], new ushort[16]);
        writer.Reserve(11);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);

        Assert.That(writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.A, 60, s_address), Is.False);
        Assert.That(writer.Length, Is.EqualTo(29));

        writer.ReleaseReserve();

        Assert.That(writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.A, 60, s_address), Is.True);
        Assert.That(writer.Length, Is.EqualTo(45));
    }

    [Test]
    public void Reserve_RoomForOpt_OptFitsAfterRelease()
    {
        // Header 12 + question 17 + OPT 11 = 40 octets.
        DnsWriter writer = new(new byte[40], new ushort[16]);
        writer.Reserve(11);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);

        Assert.That(writer.TryWriteOpt(1232, ResponseCode.NoError, dnssecOk: false), Is.False);

        writer.ReleaseReserve();

        Assert.That(writer.TryWriteOpt(1232, ResponseCode.NoError, dnssecOk: false), Is.True);
        Assert.That(writer.Length, Is.EqualTo(40));
    }

    [Test]
    public void Rollback_AfterRecords_RestoresLengthAndEveryCount()
    {
        DnsWriter writer = new(new byte[512], new ushort[16]);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.A, 60, s_address);
        WriterMark mark = writer.Mark();
        int length = writer.Length;
        writer.TryWriteRecord(DnsSection.Answer, s_www, RecordType.A, 60, s_address);
        writer.TryWriteRecord(DnsSection.Authority, s_example, RecordType.NS, 60, s_www);
        writer.TryWriteRecord(DnsSection.Additional, s_www, RecordType.A, 60, s_address);

        writer.Rollback(mark);

        Assert.That(writer.Length, Is.EqualTo(length));
        Assert.That(writer.CountOf(DnsSection.Answer), Is.EqualTo(1));
        Assert.That(writer.CountOf(DnsSection.Authority), Is.EqualTo(0));
        Assert.That(writer.CountOf(DnsSection.Additional), Is.EqualTo(0));
    }

    [Test]
    public void Rollback_QuestionWrittenAfterMark_ForgetsQuestion()
    {
        // Rollback promises to forget everything written since the mark; QDCOUNT is part of that.
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);
        WriterMark mark = writer.Mark();
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);

        writer.Rollback(mark);
        int length = writer.Finish(0, HeaderFlags.Response, OpCode.Query, ResponseCode.NoError);

        Assert.That(length, Is.EqualTo(DnsHeader.Size));
        Assert.That(buffer[4..6], Is.EqualTo(new byte[] { 0x00, 0x00 })); // QDCOUNT 0, matching the empty body
    }

    [Test]
    public void Rollback_ThenNewRecord_DoesNotPointIntoRolledBackBytes()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
        WriterMark mark = writer.Mark();
        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("a.example.net"), RecordType.A, 60, s_address);

        writer.Rollback(mark);
        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("b.example.net"), RecordType.A, 60, s_address);

        // "example.net" was a target at offset 31 before the rollback; offset 31 now holds this very name.
        Assert.That(buffer[29..44], Is.EqualTo(new byte[]
        {
            0x01, (byte)'b', // offset 29: label "b"
            0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', // offset 31: label "example"
            0x03, (byte)'n', (byte)'e', (byte)'t', // offset 39: label "net"
            0x00, // offset 43: root
        }));
    }
}
