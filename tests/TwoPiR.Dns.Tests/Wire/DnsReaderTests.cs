using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>DnsReader fields, questions and records; names have their own fixture, DnsReaderNameTests.</summary>
public sealed class DnsReaderTests
{
    private const int RecordStart = 29;

    /// <summary>A question for example.com/A, then an A record whose owner points to it.</summary>
    private static readonly byte[] s_message =
    [
        .. WireNames.Header, // offsets 0-11: header, not read here
        0x07, .. "example"u8, // offset 12: label "example"
        0x03, .. "com"u8, // offset 20: label "com"
        0x00, // offset 24: root
        0x00, 0x01, // offset 25: QTYPE A
        0x00, 0x01, // offset 27: QCLASS IN
        0xC0, 0x0C, // offset 29: owner, pointer to offset 12
        0x00, 0x01, // offset 31: TYPE A
        0x00, 0x01, // offset 33: CLASS IN
        0x00, 0x00, 0x0E, 0x10, // offset 35: TTL 3600
        0x00, 0x04, // offset 39: RDLENGTH 4
        0xC0, 0x00, 0x02, 0x01, // offset 41: RDATA 192.0.2.1
    ];

    [Test]
    public void TryReadUInt16_TwoOctets_ReadsBigEndian()
    {
        DnsReader reader = new([0x12, 0x34, 0x56]);

        Assert.That(reader.TryReadUInt16(out ushort value), Is.True);
        Assert.That(value, Is.EqualTo(0x1234));
        Assert.That(reader.Position, Is.EqualTo(2));
        Assert.That(reader.Remaining, Is.EqualTo(1));
    }

    [Test]
    public void TryReadUInt16_OneOctetLeft_ReturnsFalseAndKeepsPosition()
    {
        DnsReader reader = new([0x12, 0x34, 0x56], position: 2);

        Assert.That(reader.TryReadUInt16(out _), Is.False);
        Assert.That(reader.Position, Is.EqualTo(2));
    }

    [Test]
    public void TryReadUInt32_FourOctets_ReadsBigEndian()
    {
        DnsReader reader = new([0x89, 0xAB, 0xCD, 0xEF]);

        Assert.That(reader.TryReadUInt32(out uint value), Is.True);
        Assert.That(value, Is.EqualTo(0x89ABCDEFu));
        Assert.That(reader.Position, Is.EqualTo(4));
    }

    [Test]
    public void TryReadUInt32_ThreeOctetsLeft_ReturnsFalseAndKeepsPosition()
    {
        DnsReader reader = new([0x00, 0x89, 0xAB, 0xCD], position: 1);

        Assert.That(reader.TryReadUInt32(out _), Is.False);
        Assert.That(reader.Position, Is.EqualTo(1));
    }

    [Test]
    public void TryReadByte_AtEnd_ReturnsFalseAndKeepsPosition()
    {
        DnsReader reader = new([0x7F]);

        Assert.That(reader.TryReadByte(out byte value), Is.True);
        Assert.That(value, Is.EqualTo(0x7F));
        Assert.That(reader.TryReadByte(out _), Is.False);
        Assert.That(reader.Position, Is.EqualTo(1));
    }

    [TestCase(0, true)]
    [TestCase(3, true)]
    [TestCase(4, false)]
    [TestCase(-1, false)]
    [TestCase(int.MaxValue, false)]
    public void TryReadBytes_Length_ReadsOnlyWhatIsThere(int length, bool expected)
    {
        DnsReader reader = new([0x01, 0x02, 0x03]);

        Assert.That(reader.TryReadBytes(length, out ReadOnlySpan<byte> value), Is.EqualTo(expected));
        Assert.That(value.Length, Is.EqualTo(expected ? length : 0));
        Assert.That(reader.Position, Is.EqualTo(expected ? length : 0));
    }

    [Test]
    public void TryReadQuestion_WellFormed_ReadsNameTypeAndClass()
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(s_message, DnsHeader.Size);

        bool read = reader.TryReadQuestion(name, out int nameLength, out RecordType type, out RecordClass recordClass);

        Assert.That(read, Is.True);
        Assert.That(name[..nameLength].ToArray(), Is.EqualTo(WireNames.Of("example.com")));
        Assert.That(type, Is.EqualTo(RecordType.A));
        Assert.That(recordClass, Is.EqualTo(RecordClass.IN));
        Assert.That(reader.Position, Is.EqualTo(RecordStart));
    }

    [TestCase(12)] // no name
    [TestCase(18)] // inside the first label
    [TestCase(24)] // no root label
    [TestCase(25)] // name only
    [TestCase(26)] // half of QTYPE
    [TestCase(27)] // no QCLASS
    [TestCase(28)] // half of QCLASS
    public void TryReadQuestion_Truncated_ReturnsFalseAndKeepsPosition(int messageLength)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(s_message.AsSpan(0, messageLength), DnsHeader.Size);

        bool read = reader.TryReadQuestion(name, out _, out _, out _);

        Assert.That(read, Is.False);
        Assert.That(reader.Position, Is.EqualTo(DnsHeader.Size));
    }

    [Test]
    public void TryReadQuestion_PointerLoopInName_ReturnsFalseAndKeepsPosition()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0xC0, 0x0C, // offset 12: pointer to offset 12
            0x00, 0x01, // QTYPE A
            0x00, 0x01, // QCLASS IN
        ];
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, DnsHeader.Size);

        Assert.That(reader.TryReadQuestion(name, out _, out _, out _), Is.False);
        Assert.That(reader.Position, Is.EqualTo(DnsHeader.Size));
    }

    [Test]
    public void TryReadRecord_CompressedOwner_ReadsHeaderAndData()
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(s_message, RecordStart);

        bool read = reader.TryReadRecord(name, out ResourceRecordHeader header, out ReadOnlySpan<byte> data);

        Assert.That(read, Is.True);
        Assert.That(name[..header.NameLength].ToArray(), Is.EqualTo(WireNames.Of("example.com")));
        Assert.That(header, Is.EqualTo(new ResourceRecordHeader(
            NameLength: 13, Type: RecordType.A, RawClass: 1, Ttl: 3600, Offset: RecordStart, DataOffset: 41)));
        Assert.That(data.ToArray(), Is.EqualTo(new byte[] { 192, 0, 2, 1 }));
        Assert.That(reader.Position, Is.EqualTo(s_message.Length));
    }

    [Test]
    public void TryReadRecord_ZeroRdlength_ReturnsEmptyData()
    {
        byte[] message =
        [
            0x00, // offset 0: owner, root
            0x00, 0x29, // offset 1: TYPE OPT
            0x04, 0xD0, // offset 3: CLASS, here a payload size of 1232
            0x00, 0x00, 0x80, 0x00, // offset 5: TTL, here the DO bit
            0x00, 0x00, // offset 9: RDLENGTH 0
        ];
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message);

        bool read = reader.TryReadRecord(name, out ResourceRecordHeader header, out ReadOnlySpan<byte> data);

        Assert.That(read, Is.True);
        Assert.That(header, Is.EqualTo(new ResourceRecordHeader(1, RecordType.OPT, 1232, 0x8000, 0, 11)));
        Assert.That(data.Length, Is.EqualTo(0));
        Assert.That(reader.Position, Is.EqualTo(11));
    }

    [TestCase(29)] // no owner
    [TestCase(30)] // half of the owner's pointer
    [TestCase(31)] // owner only
    [TestCase(32)] // half of TYPE
    [TestCase(33)] // no CLASS
    [TestCase(34)] // half of CLASS
    [TestCase(35)] // no TTL
    [TestCase(37)] // half of TTL
    [TestCase(39)] // no RDLENGTH
    [TestCase(40)] // half of RDLENGTH
    [TestCase(41)] // no RDATA
    [TestCase(44)] // three of four RDATA octets
    public void TryReadRecord_Truncated_ReturnsFalseAndKeepsPosition(int messageLength)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(s_message.AsSpan(0, messageLength), RecordStart);

        bool read = reader.TryReadRecord(name, out ResourceRecordHeader header, out ReadOnlySpan<byte> data);

        Assert.That(read, Is.False);
        Assert.That(header, Is.EqualTo(default(ResourceRecordHeader)));
        Assert.That(data.Length, Is.EqualTo(0));
        Assert.That(reader.Position, Is.EqualTo(RecordStart));
    }

    [TestCase(0x00, 0x05)] // one past the end
    [TestCase(0xFF, 0xFF)] // far past the end
    public void TryReadRecord_RdlengthBeyondEnd_ReturnsFalseAndKeepsPosition(byte high, byte low)
    {
        byte[] message = [.. s_message];
        message[39] = high; // RDLENGTH, high octet
        message[40] = low; // RDLENGTH, low octet
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, RecordStart);

        Assert.That(reader.TryReadRecord(name, out _, out _), Is.False);
        Assert.That(reader.Position, Is.EqualTo(RecordStart));
    }

    [Test]
    public void TryReadRecord_ForwardPointerOwner_ReturnsFalseAndKeepsPosition()
    {
        byte[] message = [.. s_message];
        message[30] = 0x1F; // owner: pointer to offset 31, past itself
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, RecordStart);

        Assert.That(reader.TryReadRecord(name, out _, out _), Is.False);
        Assert.That(reader.Position, Is.EqualTo(RecordStart));
    }

    [Test]
    public void TryReadRecord_TwoRecordsInARow_ReadsBoth()
    {
        byte[] message =
        [
            .. s_message, // offsets 0-44: question and the first record
            0xC0, 0x0C, // offset 45: owner, pointer to offset 12
            0x00, 0x10, // offset 47: TYPE TXT
            0x00, 0x01, // offset 49: CLASS IN
            0x00, 0x00, 0x00, 0x3C, // offset 51: TTL 60
            0x00, 0x03, // offset 55: RDLENGTH 3
            0x02, .. "hi"u8, // offset 57: character-string "hi"
        ];
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, RecordStart);

        Assert.That(reader.TryReadRecord(name, out _, out _), Is.True);
        Assert.That(reader.TryReadRecord(name, out ResourceRecordHeader second, out ReadOnlySpan<byte> data), Is.True);
        Assert.That(second.Type, Is.EqualTo(RecordType.TXT));
        Assert.That(second.Offset, Is.EqualTo(45));
        Assert.That(data.ToArray(), Is.EqualTo(new byte[] { 0x02, (byte)'h', (byte)'i' }));
        Assert.That(reader.Remaining, Is.EqualTo(0));
    }
}
