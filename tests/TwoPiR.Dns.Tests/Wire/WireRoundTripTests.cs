using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>Responses written by DnsWriter read back through DnsReader to the names and data that went in.</summary>
public sealed class WireRoundTripTests
{
    private static readonly byte[] s_question = WireNames.Of("www.example.com");

    private static readonly Written[] s_records =
    [
        new(DnsSection.Answer, "www.example.com", RecordType.CNAME, 300, WireNames.Of("edge.example.com")),
        new(DnsSection.Answer, "edge.example.com", RecordType.A, 60, [192, 0, 2, 10]),
        new(DnsSection.Answer, "edge.example.com", RecordType.A, 60, [192, 0, 2, 11]),
        new(DnsSection.Answer, "example.com", RecordType.MX, 3600, [0x00, 0x0A, .. WireNames.Of("mail.example.com")]),
        new(DnsSection.Answer, "_sip._tcp.example.com", RecordType.SRV, 3600, [0x00, 0x0A, 0x00, 0x05, 0x13, 0xC4, .. WireNames.Of("sip.example.com")]),
        new(DnsSection.Answer, "example.com", RecordType.TXT, 3600, [0x05, .. "v=spf"u8, 0x00]),
        new(DnsSection.Answer, "1.2.0.192.in-addr.arpa", RecordType.PTR, 3600, WireNames.Of("www.example.com")),
        new(DnsSection.Authority, "example.com", RecordType.NS, 86400, WireNames.Of("ns1.example.com")),
        new(DnsSection.Authority, "example.com", RecordType.NS, 86400, WireNames.Of("ns2.example.net")),
        new(DnsSection.Authority, "example.com", RecordType.SOA, 3600,
        [
            .. WireNames.Of("ns1.example.com"), .. WireNames.Of("hostmaster.example.com"),
            0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x00, 0x03, 0x84, 0x00, 0x09, 0x3A, 0x80, 0x00, 0x00, 0x01, 0x2C,
        ]),
        new(DnsSection.Additional, "ns1.example.com", RecordType.A, 86400, [192, 0, 2, 53]),
        new(DnsSection.Additional, "ns1.example.com", RecordType.AAAA, 86400, [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x35]),
    ];

    [Test]
    public void WriteThenRead_EveryRecordType_ReturnsSameNamesAndData()
    {
        byte[] buffer = new byte[1232];
        int length = WriteResponse(buffer, s_records);
        byte[] message = buffer[..length];

        DnsHeader.TryRead(message, out DnsHeader header);
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, DnsHeader.Size);

        Assert.That(MessageValidator.IsWellFormed(message, out string problem), Is.True, problem);
        Assert.That(header, Is.EqualTo(new DnsHeader(0x4242, HeaderFlags.Response | HeaderFlags.Authoritative, OpCode.Query, ResponseCode.NoError, 1, 7, 3, 3)));
        Assert.That(reader.TryReadQuestion(name, out int questionLength, out RecordType type, out _), Is.True);
        Assert.That(name[..questionLength].ToArray(), Is.EqualTo(s_question));
        Assert.That(type, Is.EqualTo(RecordType.A));
        foreach (Written expected in s_records)
        {
            Assert.That(reader.TryReadRecord(name, out ResourceRecordHeader record, out ReadOnlySpan<byte> data), Is.True);
            Assert.That(name[..record.NameLength].ToArray(), Is.EqualTo(WireNames.Of(expected.Owner)), expected.Owner);
            Assert.That((record.Type, record.RawClass, record.Ttl), Is.EqualTo((expected.Type, (ushort)RecordClass.IN, expected.Ttl)));
            Assert.That(Uncompress(message, record, data.Length), Is.EqualTo(expected.Data), $"{expected.Type} data");
        }

        Assert.That(reader.TryReadRecord(name, out ResourceRecordHeader opt, out _), Is.True);
        Assert.That(opt.Type, Is.EqualTo(RecordType.OPT));
        Assert.That(reader.Remaining, Is.EqualTo(0));
    }

    [Test]
    public void WriteThenRead_Compressed_IsSmallerThanNamesWrittenInFull()
    {
        byte[] buffer = new byte[1232];
        int length = WriteResponse(buffer, s_records);
        int uncompressed = DnsHeader.Size + s_question.Length + 4 + 11
            + s_records.Sum(r => WireNames.Of(r.Owner).Length + 10 + r.Data.Length);

        Assert.That(length, Is.LessThan(uncompressed - 100));
    }

    [Test]
    public void WriteThenRead_OwnerInOtherCaseThanQuestion_ReadsBackWithQuestionCase()
    {
        // The owner becomes a pointer to the question, so its octets are the question's: equal ignoring case.
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);
        writer.TryWriteQuestion(WireNames.Of("WWW.Example.com"), RecordType.A, RecordClass.IN);
        writer.TryWriteRecord(DnsSection.Answer, WireNames.Of("www.example.COM"), RecordType.A, 60, [192, 0, 2, 1]);
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(buffer.AsSpan(0, writer.Length), DnsHeader.Size);
        reader.TryReadQuestion(name, out _, out _, out _);

        Assert.That(reader.TryReadRecord(name, out ResourceRecordHeader record, out _), Is.True);
        Assert.That(DnsName.EqualsIgnoreCase(name[..record.NameLength], WireNames.Of("www.example.COM")), Is.True);
    }

    private static int WriteResponse(byte[] buffer, Written[] records)
    {
        DnsWriter writer = new(buffer, new ushort[64]);
        writer.TryWriteQuestion(s_question, RecordType.A, RecordClass.IN);
        foreach (Written record in records)
        {
            Assert.That(writer.TryWriteRecord(record.Section, WireNames.Of(record.Owner), record.Type, record.Ttl, record.Data), Is.True);
        }

        writer.TryWriteOpt(1232, ResponseCode.NoError, dnssecOk: false);
        return writer.Finish(0x4242, HeaderFlags.Response | HeaderFlags.Authoritative, OpCode.Query, ResponseCode.NoError);
    }

    /// <summary>Rebuilds uncompressed RDATA by following the names inside it; checks they end where RDLENGTH says.</summary>
    private static byte[] Uncompress(byte[] message, ResourceRecordHeader record, int dataLength)
    {
        int fixedBefore = record.Type switch
        {
            RecordType.MX => 2,
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.SOA => 0,
            _ => -1,
        };
        if (fixedBefore < 0)
        {
            return message[record.DataOffset..(record.DataOffset + dataLength)];
        }

        List<byte> data = [.. message[record.DataOffset..(record.DataOffset + fixedBefore)]];
        DnsReader reader = new(message, record.DataOffset + fixedBefore);
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        for (int names = record.Type == RecordType.SOA ? 2 : 1; names > 0; names--)
        {
            reader.TryReadName(name, out int length);
            data.AddRange(name[..length]);
        }

        reader.TryReadBytes(record.DataOffset + dataLength - reader.Position, out ReadOnlySpan<byte> rest);
        data.AddRange(rest);
        return [.. data];
    }

    private sealed record Written(DnsSection Section, string Owner, RecordType Type, uint Ttl, byte[] Data);
}
