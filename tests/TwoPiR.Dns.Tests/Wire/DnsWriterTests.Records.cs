using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>DnsWriter.TryWriteRecords: records already in wire form, relayed whole or not at all.</summary>
public sealed partial class DnsWriterTests
{
    // After a header and the question example.com A (29 octets): an answer, an NS in authority,
    // and its glue, compressed against the question at offset 12. 50 octets.
    private static readonly byte[] s_relayed =
    [
        0xC0, 0x0C, // owner: pointer to example.com at offset 12 (offset 29)
        0x00, 0x01, // TYPE A
        0x00, 0x01, // CLASS IN
        0x00, 0x00, 0x01, 0x2C, // TTL 300
        0x00, 0x04, // RDLENGTH 4
        192, 0, 2, 1, // 192.0.2.1
        0xC0, 0x0C, // owner: example.com (offset 45)
        0x00, 0x02, // TYPE NS
        0x00, 0x01, // CLASS IN
        0x00, 0x00, 0x0E, 0x10, // TTL 3600
        0x00, 0x06, // RDLENGTH 6
        0x03, (byte)'n', (byte)'s', (byte)'1', 0xC0, 0x0C, // ns1, then a pointer to example.com (the name starts at offset 57)
        0xC0, 0x39, // owner: pointer to ns1.example.com at offset 57 (offset 63)
        0x00, 0x01, // TYPE A
        0x00, 0x01, // CLASS IN
        0x00, 0x00, 0x0E, 0x10, // TTL 3600
        0x00, 0x04, // RDLENGTH 4
        192, 0, 2, 53, // 192.0.2.53
    ];

    [Test]
    public void TryWriteRecords_Fits_AppendsTheBytesAndCountsEachSection()
    {
        byte[] buffer = new byte[512];
        DnsWriter writer = new(buffer, new ushort[16]);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);

        bool written = writer.TryWriteRecords(s_relayed, answers: 1, authority: 1, additional: 1);
        int length = writer.Finish(0x0001, HeaderFlags.Response, OpCode.Query, ResponseCode.NoError);

        Assert.That(written, Is.True);
        Assert.That(length, Is.EqualTo(29 + s_relayed.Length));
        Assert.That(buffer[29..length], Is.EqualTo(s_relayed));
        Assert.That(buffer[6..12], Is.EqualTo(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0x01 })); // ANCOUNT, NSCOUNT, ARCOUNT 1 each
        ResponseView view = ResponseView.Parse(buffer.AsSpan(0, length));
        Assert.That(view.Authority, Is.EqualTo(new[] { new ResponseRecord("example.com.", RecordType.NS, 3600, "ns1.example.com.") }));
        Assert.That(view.Additional, Is.EqualTo(new[] { new ResponseRecord("ns1.example.com.", RecordType.A, 3600, "192.0.2.53") }));
    }

    [Test]
    public void TryWriteRecords_AfterOtherRecords_AddsToTheCounts()
    {
        DnsWriter writer = new(new byte[512], new ushort[16]);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
        writer.TryWriteRecord(DnsSection.Answer, s_example, RecordType.A, 300, s_address);

        writer.TryWriteRecords(s_relayed, answers: 1, authority: 1, additional: 1);

        Assert.That(writer.CountOf(DnsSection.Answer), Is.EqualTo(2));
        Assert.That(writer.CountOf(DnsSection.Authority), Is.EqualTo(1));
        Assert.That(writer.CountOf(DnsSection.Additional), Is.EqualTo(1));
    }

    [Test]
    public void TryWriteRecords_BufferFullAtEveryOctet_ReturnsFalseWritesAndCountsNothing()
    {
        for (int size = 29; size < 29 + s_relayed.Length; size++)
        {
            byte[] buffer = new byte[size];
            DnsWriter writer = new(buffer, new ushort[16]);
            writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
            buffer.AsSpan(29).Fill(0xEE);

            bool written = writer.TryWriteRecords(s_relayed, answers: 1, authority: 1, additional: 1);

            Assert.That(written, Is.False, $"buffer of {size}");
            Assert.That(writer.Length, Is.EqualTo(29), $"buffer of {size}");
            Assert.That(writer.CountOf(DnsSection.Answer) + writer.CountOf(DnsSection.Authority) + writer.CountOf(DnsSection.Additional), Is.EqualTo(0), $"buffer of {size}");
            Assert.That(buffer[29..], Is.All.EqualTo(0xEE), $"buffer of {size}: not one octet written");
        }
    }

    [Test]
    public void TryWriteRecords_RoomOnlyInTheReserve_ReturnsFalseUntilReleased()
    {
        DnsWriter writer = new(new byte[29 + s_relayed.Length], new ushort[16]);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
        writer.Reserve(1);

        Assert.That(writer.TryWriteRecords(s_relayed, 1, 1, 1), Is.False);
        writer.ReleaseReserve();
        Assert.That(writer.TryWriteRecords(s_relayed, 1, 1, 1), Is.True);
    }

    [Test]
    public void Rollback_AfterTryWriteRecords_ForgetsTheRecordsAndTheirCounts()
    {
        DnsWriter writer = new(new byte[512], new ushort[16]);
        writer.TryWriteQuestion(s_example, RecordType.A, RecordClass.IN);
        WriterMark mark = writer.Mark();
        writer.TryWriteRecords(s_relayed, answers: 1, authority: 1, additional: 1);

        writer.Rollback(mark);

        Assert.That(writer.Length, Is.EqualTo(29));
        Assert.That(writer.CountOf(DnsSection.Answer) + writer.CountOf(DnsSection.Authority) + writer.CountOf(DnsSection.Additional), Is.EqualTo(0));
    }
}
