using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

public sealed class DnsQueryTests
{
    private const int OptStart = 33;

    /// <summary>www.example.com/A with an OPT record: 1232-octet payload, version 0, DO set.</summary>
    private static readonly byte[] s_query =
    [
        0x12, 0x34, // offset 0: ID
        0x01, 0x00, // offset 2: QR=0, opcode QUERY, RD=1
        0x00, 0x01, // offset 4: QDCOUNT 1
        0x00, 0x00, // offset 6: ANCOUNT 0
        0x00, 0x00, // offset 8: NSCOUNT 0
        0x00, 0x01, // offset 10: ARCOUNT 1
        0x03, .. "www"u8, // offset 12: label "www"
        0x07, .. "example"u8, // offset 16: label "example"
        0x03, .. "com"u8, // offset 24: label "com"
        0x00, // offset 28: root
        0x00, 0x01, // offset 29: QTYPE A
        0x00, 0x01, // offset 31: QCLASS IN
        0x00, // offset 33: OPT owner, root
        0x00, 0x29, // offset 34: TYPE OPT
        0x04, 0xD0, // offset 36: CLASS: UDP payload size 1232
        0x00, // offset 38: TTL: extended RCODE 0
        0x00, // offset 39: TTL: version 0
        0x80, 0x00, // offset 40: TTL: DO=1, Z=0
        0x00, 0x00, // offset 42: RDLENGTH 0
    ];

    [Test]
    public void TryRead_QueryWithOpt_ReadsQuestionAndEdns()
    {
        Parsed parsed = Read(s_query);

        Assert.That(parsed.Read, Is.True);
        Assert.That(parsed.Name, Is.EqualTo(WireNames.Of("www.example.com")));
        Assert.That(parsed.Type, Is.EqualTo(RecordType.A));
        Assert.That(parsed.Class, Is.EqualTo(RecordClass.IN));
        Assert.That(parsed.Id, Is.EqualTo(0x1234));
        Assert.That(parsed.Edns, Is.EqualTo(new EdnsRequest(Present: true, PayloadSize: 1232, Version: 0, DnssecOk: true)));
    }

    [Test]
    public void TryRead_NoAdditionalRecords_EdnsNotPresent()
    {
        byte[] message = s_query[..OptStart];
        message[11] = 0x00; // ARCOUNT 0

        Parsed parsed = Read(message);

        Assert.That(parsed.Read, Is.True);
        Assert.That(parsed.Edns, Is.EqualTo(default(EdnsRequest)));
    }

    [Test]
    public void TryRead_MixedCaseQuestion_KeepsCase()
    {
        byte[] message = [.. s_query];
        message[13] = (byte)'W'; // first octet of "www"

        Parsed parsed = Read(message);

        Assert.That(parsed.Name, Is.EqualTo(WireNames.Of("Www.example.com")));
    }

    [Test]
    public void TryRead_NoQuestion_ReturnsFalse()
    {
        byte[] message =
        [
            0x12, 0x34, // ID
            0x01, 0x00, // RD=1
            0x00, 0x00, // QDCOUNT 0
            0x00, 0x00, // ANCOUNT 0
            0x00, 0x00, // NSCOUNT 0
            0x00, 0x00, // ARCOUNT 0
        ];

        Assert.That(Read(message).Read, Is.False);
    }

    [Test]
    public void TryRead_TwoWellFormedQuestions_ReturnsFalse()
    {
        byte[] message =
        [
            0x12, 0x34, // offset 0: ID
            0x01, 0x00, // offset 2: RD=1
            0x00, 0x02, // offset 4: QDCOUNT 2
            0x00, 0x00, // offset 6: ANCOUNT 0
            0x00, 0x00, // offset 8: NSCOUNT 0
            0x00, 0x00, // offset 10: ARCOUNT 0
            0x01, (byte)'a', 0x00, // offset 12: "a."
            0x00, 0x01, // QTYPE A
            0x00, 0x01, // QCLASS IN
            0xC0, 0x0C, // offset 19: pointer to offset 12
            0x00, 0x1C, // QTYPE AAAA
            0x00, 0x01, // QCLASS IN
        ];

        Assert.That(Read(message).Read, Is.False);
    }

    [TestCase(12)] // nothing after the header
    [TestCase(20)] // inside the name
    [TestCase(29)] // name only
    [TestCase(31)] // no QCLASS
    public void TryRead_TruncatedQuestion_ReturnsFalse(int length)
    {
        byte[] message = s_query[..length];

        Assert.That(Read(message, header: Header(s_query)).Read, Is.False);
    }

    [Test]
    public void TryRead_MessageShorterThanHeaderClaimingAQuestion_ReturnsFalse()
    {
        Assert.That(Read(s_query[..5], header: Header(s_query)).Read, Is.False);
    }

    [Test]
    public void TryRead_QuestionNameLoops_ReturnsFalse()
    {
        byte[] message = [.. s_query[..12], 0xC0, 0x0C, .. s_query[29..]]; // name: pointer to offset 12, itself

        Assert.That(Read(message).Read, Is.False);
    }

    [TestCase(0x02, 0x00, 512)]
    [TestCase(0x00, 0x00, 0)] // read as sent; the handler applies the 512 floor
    [TestCase(0xFF, 0xFF, 65535)]
    public void TryRead_OptClass_IsPayloadSize(byte high, byte low, int expected)
    {
        byte[] message = [.. s_query];
        message[36] = high; // CLASS, high octet
        message[37] = low; // CLASS, low octet

        Assert.That(Read(message).Edns.PayloadSize, Is.EqualTo(expected));
    }

    [TestCase(0x00, 0x00, 0x80, 0x00, 0, true)]
    [TestCase(0x00, 0x00, 0x00, 0x00, 0, false)]
    [TestCase(0x00, 0x00, 0x7F, 0xFF, 0, false)] // every Z bit, but not DO
    [TestCase(0x00, 0x01, 0x00, 0x00, 1, false)] // version 1, which calls for BADVERS
    [TestCase(0xFF, 0xFF, 0xFF, 0xFF, 255, true)]
    public void TryRead_OptTtl_ReadsVersionAndDo(byte extendedCode, byte version, byte flagsHigh, byte flagsLow, int expectedVersion, bool expectedDo)
    {
        byte[] message = [.. s_query];
        message[38] = extendedCode; // TTL: extended RCODE
        message[39] = version; // TTL: VERSION
        message[40] = flagsHigh; // TTL: DO and Z
        message[41] = flagsLow; // TTL: Z

        EdnsRequest edns = Read(message).Edns;

        Assert.That(edns.Present, Is.True);
        Assert.That(edns.Version, Is.EqualTo(expectedVersion));
        Assert.That(edns.DnssecOk, Is.EqualTo(expectedDo));
    }

    [Test]
    public void TryRead_TwoOpts_ReturnsFalse()
    {
        byte[] message = [.. s_query, .. s_query[OptStart..]]; // the same OPT twice
        message[11] = 0x02; // ARCOUNT 2

        Assert.That(Read(message).Read, Is.False);
    }

    [Test]
    public void TryRead_OptOwnedByQuestionName_ReturnsFalse()
    {
        byte[] message = [.. s_query[..OptStart], 0xC0, 0x0C, .. s_query[(OptStart + 1)..]]; // owner: pointer to offset 12

        Assert.That(Read(message).Read, Is.False);
    }

    [Test]
    public void TryRead_OptOwnedByOneLabelName_ReturnsFalse()
    {
        byte[] message = [.. s_query[..OptStart], 0x01, (byte)'a', 0x00, .. s_query[(OptStart + 1)..]]; // owner "a."

        Assert.That(Read(message).Read, Is.False);
    }

    [Test]
    public void TryRead_WellFormedOptions_AreAcceptedAndIgnored()
    {
        byte[] message =
        [
            .. s_query[..42], // everything up to RDLENGTH
            0x00, 0x10, // RDLENGTH 16
            0x00, 0x0A, // OPTION-CODE 10 (COOKIE)
            0x00, 0x08, // OPTION-LENGTH 8
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // client cookie
            0xFD, 0xE9, // OPTION-CODE 65001, unknown (local use)
            0x00, 0x00, // OPTION-LENGTH 0
        ];

        Parsed parsed = Read(message);

        Assert.That(parsed.Read, Is.True);
        Assert.That(parsed.Edns, Is.EqualTo(new EdnsRequest(Present: true, PayloadSize: 1232, Version: 0, DnssecOk: true)));
    }

    [TestCase(new byte[] { 0x00, 0x0A, 0x00 })] // option header cut after three octets
    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x08, 0x01, 0x02 })] // OPTION-LENGTH 8, two octets present
    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x00, 0xFD })] // a whole empty option, then one stray octet
    public void TryRead_MalformedOptions_ReturnsFalse(byte[] options)
    {
        byte[] message =
        [
            .. s_query[..42], // everything up to RDLENGTH
            0x00, (byte)options.Length, // RDLENGTH: exactly the options below
            .. options,
        ];

        Assert.That(Read(message).Read, Is.False);
    }

    [Test]
    public void TryRead_RecordsInAnswerAndAuthority_AreSkippedToReachOpt()
    {
        byte[] message =
        [
            .. s_query[..OptStart], // header and question
            0xC0, 0x0C, // offset 33: answer owner, pointer to offset 12
            0x00, 0x01, // TYPE A
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x00, 0x3C, // TTL 60
            0x00, 0x04, // RDLENGTH 4
            0xC0, 0x00, 0x02, 0x01, // RDATA 192.0.2.1
            0xC0, 0x10, // offset 49: authority owner, pointer to offset 16 ("example.com")
            0x00, 0x02, // TYPE NS
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x0E, 0x10, // TTL 3600
            0x00, 0x06, // RDLENGTH 6
            0x03, .. "ns1"u8, 0xC0, 0x10, // RDATA ns1 + pointer to offset 16
            .. s_query[OptStart..], // offset 67: the OPT record
        ];
        message[7] = 0x01; // ANCOUNT 1
        message[9] = 0x01; // NSCOUNT 1

        Parsed parsed = Read(message);

        Assert.That(parsed.Read, Is.True);
        Assert.That(parsed.Edns.Present, Is.True);
    }

    [TestCase(6, 0x01)] // ANCOUNT 1, no answer record present
    [TestCase(8, 0x01)] // NSCOUNT 1, no authority record present
    [TestCase(10, 0x02)] // ARCOUNT 2, one additional record present
    public void TryRead_SectionCountBeyondRecords_ReturnsFalse(int countOffset, byte count)
    {
        byte[] message = [.. s_query];
        message[countOffset + 1] = count; // low octet of the count

        Assert.That(Read(message).Read, Is.False);
    }

    [TestCase(33)] // no OPT at all
    [TestCase(34)] // OPT owner only
    [TestCase(38)] // no TTL
    [TestCase(43)] // half of RDLENGTH
    public void TryRead_TruncatedAdditionalSection_ReturnsFalse(int length)
    {
        Assert.That(Read(s_query[..length]).Read, Is.False);
    }

    [Test]
    public void TryRead_NonOptAdditionalRecord_IsIgnored()
    {
        byte[] message =
        [
            .. s_query[..OptStart], // header and question
            0xC0, 0x0C, // offset 33: owner, pointer to offset 12
            0x00, 0x01, // TYPE A
            0x00, 0x01, // CLASS IN
            0x00, 0x00, 0x00, 0x3C, // TTL 60
            0x00, 0x04, // RDLENGTH 4
            0xC0, 0x00, 0x02, 0x01, // RDATA 192.0.2.1
        ];

        Parsed parsed = Read(message);

        Assert.That(parsed.Read, Is.True);
        Assert.That(parsed.Edns.Present, Is.False);
    }

    [Test]
    public void TryRead_WarmQueries_AllocateNothing()
    {
        DnsHeader header = Header(s_query);
        byte[] nameBuffer = new byte[DnsName.MaxLength];
        DnsQuery.TryRead(s_query, header, nameBuffer, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            DnsQuery.TryRead(s_query, header, nameBuffer, out _);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
    }

    private static DnsHeader Header(byte[] message)
    {
        DnsHeader.TryRead(message, out DnsHeader header);
        return header;
    }

    private static Parsed Read(byte[] message, DnsHeader? header = null)
    {
        byte[] nameBuffer = new byte[DnsName.MaxLength];
        bool read = DnsQuery.TryRead(message, header ?? Header(message), nameBuffer, out DnsQuery query);
        return new Parsed(read, query.Name.ToArray(), query.Type, query.Class, query.Header.Id, query.Edns);
    }

    private sealed record Parsed(bool Read, byte[] Name, RecordType Type, RecordClass Class, ushort Id, EdnsRequest Edns);
}
