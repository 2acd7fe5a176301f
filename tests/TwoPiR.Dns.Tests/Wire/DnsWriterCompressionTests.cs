using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>DnsWriter name compression (RFC 1035 §4.1.4): owners, RDATA names, and what must stay uncompressed.</summary>
public sealed class DnsWriterCompressionTests
{
    /// <summary>Where a record written right after the example.com question starts.</summary>
    private const int AfterQuestion = 29;

    private static readonly byte[] s_example = WireNames.Of("example.com");
    private static readonly byte[] s_address = [192, 0, 2, 1];

    [Test]
    public void TryWriteRecord_OwnerIsQuestionName_WritesPointerToOffset12()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.A, 3600, s_address);

        Assert.That(buffer[AfterQuestion..writer.Length], Is.EqualTo(new byte[]
        {
            0xC0, 0x0C, // owner: pointer to offset 12
            0x00, 0x01, // TYPE A
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x0E, 0x10, // TTL 3600
            0x00, 0x04, // RDLENGTH 4
            0xC0, 0x00, 0x02, 0x01, // RDATA 192.0.2.1
        }));
    }

    [Test]
    public void TryWriteRecord_OwnerInOtherCase_StillPointsToQuestion()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, WireNames.Of("EXAMPLE.com"));

        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("www.Example.COM"), RecordType.A, 60, s_address);

        Assert.That(buffer[AfterQuestion..(AfterQuestion + 6)], Is.EqualTo(new byte[]
        {
            0x03, (byte)'w', (byte)'w', (byte)'w', // label "www"
            0xC0, 0x0C, // pointer to offset 12: RFC 4343 names match whatever their case
        }));
    }

    [Test]
    public void TryWriteRecord_OwnerDiffersOnlyInNonLetter_IsNotCompressed()
    {
        // '@' (0x40) and '`' (0x60) differ by the case bit but are not letters.
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, WireNames.Of("@.com"));

        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("`.com"), RecordType.A, 60, s_address);

        Assert.That(buffer[23..27], Is.EqualTo(new byte[]
        {
            0x01, (byte)'`', // offset 23, after the 7-octet question name: label "`", written in full
            0xC0, 0x0E, // pointer to offset 14, "com" only
        }));
    }

    [Test]
    public void TryWriteRecord_SharedSuffixes_PointToLongestWrittenSuffix()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);
        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("www.example.com"), RecordType.A, 60, s_address); // offset 29

        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("a.www.example.com"), RecordType.A, 60, s_address);

        Assert.That(buffer[49..53], Is.EqualTo(new byte[]
        {
            0x01, (byte)'a', // offset 49: label "a"
            0xC0, 0x1D, // pointer to offset 29, "www" followed by its own pointer to 12
        }));
    }

    [TestCase(nameof(RecordType.NS))]
    [TestCase(nameof(RecordType.CNAME))]
    [TestCase(nameof(RecordType.PTR))]
    public void TryWriteRecord_SingleNameData_CompressesName(string typeName)
    {
        RecordType type = Enum.Parse<RecordType>(typeName);
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Answer, s_example, type, 60, WireNames.Of("ns1.example.com"));

        Assert.That(buffer[(AfterQuestion + 10)..writer.Length], Is.EqualTo(new byte[]
        {
            0x00, 0x06, // RDLENGTH 6, the compressed length
            0x03, (byte)'n', (byte)'s', (byte)'1', // label "ns1"
            0xC0, 0x0C, // pointer to offset 12
        }));
    }

    [Test]
    public void TryWriteRecord_MxData_KeepsPreferenceAndCompressesExchange()
    {
        byte[] buffer = new byte[512];
        byte[] mx = [0x00, 0x0A, .. WireNames.Of("mail.example.com")];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.MX, 60, mx);

        Assert.That(buffer[(AfterQuestion + 10)..writer.Length], Is.EqualTo(new byte[]
        {
            0x00, 0x09, // RDLENGTH 9
            0x00, 0x0A, // PREFERENCE 10
            0x04, (byte)'m', (byte)'a', (byte)'i', (byte)'l', // label "mail"
            0xC0, 0x0C, // pointer to offset 12
        }));
    }

    [Test]
    public void TryWriteRecord_SoaData_CompressesBothNamesAndKeepsTimers()
    {
        byte[] timers = [0, 0, 0, 1, 0, 0, 0x0E, 0x10, 0, 0, 0x03, 0x84, 0, 0x09, 0x3A, 0x80, 0, 0, 0x01, 0x2C];
        byte[] soa = [.. WireNames.Of("ns1.example.com"), .. WireNames.Of("hostmaster.example.com"), .. timers];
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Authority, s_example, RecordType.SOA, 60, soa);

        byte[] expected =
        [
            0x00, 0x27, // RDLENGTH 39
            0x03, (byte)'n', (byte)'s', (byte)'1', 0xC0, 0x0C, // MNAME ns1 + pointer to offset 12
            0x0A, .. "hostmaster"u8, 0xC0, 0x0C, // RNAME hostmaster + pointer to offset 12
            0x00, 0x00, 0x00, 0x01, // SERIAL 1
            0x00, 0x00, 0x0E, 0x10, // REFRESH 3600
            0x00, 0x00, 0x03, 0x84, // RETRY 900
            0x00, 0x09, 0x3A, 0x80, // EXPIRE 604800
            0x00, 0x00, 0x01, 0x2C, // MINIMUM 300
        ];
        Assert.That(buffer[(AfterQuestion + 10)..writer.Length], Is.EqualTo(expected));
    }

    [Test]
    public void TryWriteRecord_SrvData_IsNotCompressed()
    {
        // RFC 2782 and RFC 3597 §4: the SRV target must not be compressed.
        byte[] srv = [0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, .. s_example];
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.SRV, 60, srv);

        byte[] expected =
        [
            0x00, 0x13, // RDLENGTH 19
            0x00, 0x0A, // PRIORITY 10
            0x00, 0x05, // WEIGHT 5
            0x01, 0xBB, // PORT 443
            0x07, .. "example"u8, 0x03, .. "com"u8, 0x00, // TARGET in full, though offset 12 holds it
        ];
        Assert.That(buffer[(AfterQuestion + 10)..writer.Length], Is.EqualTo(expected));
    }

    [TestCase(nameof(RecordType.TXT))]
    [TestCase("65280")] // a private-use type the writer knows nothing about
    public void TryWriteRecord_DataThatLooksLikeName_IsCopiedVerbatim(string typeName)
    {
        RecordType type = Enum.Parse<RecordType>(typeName);
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Answer, s_example, type, 60, s_example);

        byte[] expected =
        [
            0x00, 0x0D, // RDLENGTH 13
            0x07, .. "example"u8, 0x03, .. "com"u8, 0x00, // the same octets as the question name, not a pointer
        ];
        Assert.That(buffer[(AfterQuestion + 10)..writer.Length], Is.EqualTo(expected));
    }

    [Test]
    public void TryWriteRecord_NameFromEarlierRdata_IsCompressionTarget()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);
        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.CNAME, 60, WireNames.Of("edge.example.net")); // RDATA at 41

        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("edge.example.net"), RecordType.A, 60, s_address);

        Assert.That(buffer[59..61], Is.EqualTo(new byte[] { 0xC0, 0x29 })); // owner: pointer to offset 41
    }

    [Test]
    public void TryWriteRecord_RootOwnerAndNullMx_WriteSingleZeroOctets()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);

        writer.TryWriteRecord(DnsSection.Answer, [0x00], RecordType.MX, 60, [0x00, 0x00, 0x00]);

        Assert.That(buffer[AfterQuestion..writer.Length], Is.EqualTo(new byte[]
        {
            0x00, // owner: root, never a pointer
            0x00, 0x0F, // TYPE MX
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x00, 0x3C, // TTL 60
            0x00, 0x03, // RDLENGTH 3
            0x00, 0x00, // PREFERENCE 0
            0x00, // exchange: root (RFC 7505 null MX)
        }));
    }

    [Test]
    public void TryWriteRecord_NoCompressionTable_WritesEveryNameInFull()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, []);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);

        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.A, 60, s_address);

        Assert.That(buffer[AfterQuestion..(AfterQuestion + 13)], Is.EqualTo(s_example));
    }

    [Test]
    public void TryWriteRecord_MessageBeyond0x4000_NeverPointsAtOrPast0x4000()
    {
        byte[] buffer = new byte[0x5000];
        DnsWriter writer = WriterWithQuestion(buffer, s_example);
        byte[] txt = [0xFF, .. Enumerable.Repeat((byte)'x', 255)];
        while (writer.Length <= 0x4000)
        {
            writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.TXT, 60, txt);
        }

        byte[] late = WireNames.Of("late.example.org");
        int first = writer.Length;
        writer.TryWriteRecord(DnsSection.Answer, late, RecordType.A, 60, s_address);
        int second = writer.Length;
        writer.TryWriteRecord(DnsSection.Answer, late, RecordType.A, 60, s_address);
        int third = writer.Length;
        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("www.example.com"), RecordType.A, 60, s_address);

        Assert.That(first, Is.GreaterThan(0x4000));
        Assert.That(buffer[second..(second + late.Length)], Is.EqualTo(late)); // its twin at `first` is past 0x3FFF
        Assert.That(buffer[third..(third + 6)], Is.EqualTo(new byte[]
        {
            0x03, (byte)'w', (byte)'w', (byte)'w', // label "www"
            0xC0, 0x0C, // a suffix below 0x4000 is still a target
        }));
        Assert.That(ReadOwner(buffer, second), Is.EqualTo(late));
        Assert.That(ReadOwner(buffer, third), Is.EqualTo(WireNames.Of("www.example.com")));
    }

    private static DnsWriter WriterWithQuestion(byte[] buffer, byte[] question)
    {
        DnsWriter writer = new(buffer, new ushort[32]);
        writer.TryWriteQuestion(question, RecordType.A, RecordClass.IN);
        return writer;
    }

    private static byte[] ReadOwner(byte[] message, int offset)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, offset);
        return reader.TryReadName(name, out int length) ? name[..length].ToArray() : [];
    }
}
