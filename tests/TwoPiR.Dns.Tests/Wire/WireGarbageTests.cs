using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>
/// STYLE §8: seeded garbage through every reader entry point. Nothing may throw, every failure
/// leaves the position alone, and every success yields a name that is valid uncompressed wire form.
/// </summary>
public sealed class WireGarbageTests
{
    private const int Iterations = 10_000;

    /// <summary>www.example.com/A with a compressed answer, and an OPT carrying a cookie option.</summary>
    private static readonly byte[] s_query =
    [
        0xAB, 0xCD, // ID
        0x01, 0x00, // RD=1
        0x00, 0x01, // QDCOUNT 1
        0x00, 0x01, // ANCOUNT 1
        0x00, 0x00, // NSCOUNT 0
        0x00, 0x01, // ARCOUNT 1
        0x03, .. "www"u8, 0x07, .. "example"u8, 0x03, .. "com"u8, 0x00, // offset 12: www.example.com
        0x00, 0x01, // QTYPE A
        0x00, 0x01, // QCLASS IN
        0x04, .. "mail"u8, 0xC0, 0x10, // offset 33: answer owner mail + pointer to offset 16
        0x00, 0x0F, // TYPE MX
        0x00, 0x01, // CLASS IN
        0x00, 0x00, 0x00, 0x3C, // TTL 60
        0x00, 0x04, // RDLENGTH 4
        0x00, 0x0A, 0xC0, 0x21, // PREFERENCE 10, exchange: pointer to offset 33
        0x00, // OPT owner, root
        0x00, 0x29, // TYPE OPT
        0x04, 0xD0, // payload size 1232
        0x00, 0x00, 0x80, 0x00, // extended RCODE 0, version 0, DO=1
        0x00, 0x0C, // RDLENGTH 12
        0x00, 0x0A, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, // COOKIE option, 8-octet client cookie
    ];

    [Test]
    public void Readers_RandomBuffers_NeverThrowAndKeepInvariants()
    {
        Random random = new(1234);
        List<string> failures = [];
        for (int i = 0; i < Iterations; i++)
        {
            byte[] message = new byte[random.Next(0, 601)];
            random.NextBytes(message);
            if (i % 2 == 0 && message.Length >= DnsHeader.Size)
            {
                message[4] = 0x00; // QDCOUNT 1 on half the buffers, so DnsQuery reads past the header
                message[5] = 0x01;
                message[6] = 0x00; // the other counts below 256, so reading ends before the loop caps do
                message[8] = 0x00;
                message[10] = 0x00;
            }

            Check(message, random.Next(0, message.Length + 1), $"random buffer {i}", failures);
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Readers_MutatedQueries_NeverThrowAndKeepInvariants()
    {
        Assert.That(Read(s_query), Is.True, "the unmutated query must be valid");
        Random random = new(1234);
        List<string> failures = [];
        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] message = Mutate(s_query, random);

            Check(message, random.Next(0, message.Length + 1), $"mutation {i}", failures);
            accepted += Read(message) ? 1 : 0;
        }

        Assert.That(failures, Is.Empty);
        Assert.That(accepted, Is.InRange(1, Iterations - 1), "mutations should sometimes keep the query valid and sometimes not");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        List<byte> message = [.. original];
        int mutations = random.Next(1, 5);
        for (int m = 0; m < mutations; m++)
        {
            int at = random.Next(0, message.Count + 1);
            switch (random.Next(0, 4))
            {
                case 0 when at < message.Count:
                    message[at] ^= (byte)(1 << random.Next(0, 8)); // flip one bit
                    break;
                case 1 when at < message.Count:
                    message[at] = (byte)random.Next(0, 256); // replace an octet
                    break;
                case 2:
                    message.Insert(at, (byte)random.Next(0, 256)); // insert an octet
                    break;
                case 3 when at < message.Count:
                    message.RemoveAt(at); // delete an octet
                    break;
                default:
                    break;
            }
        }

        return [.. message];
    }

    private static bool Read(byte[] message)
    {
        byte[] nameBuffer = new byte[DnsName.MaxLength];
        return DnsHeader.TryRead(message, out DnsHeader header) && DnsQuery.TryRead(message, header, nameBuffer, out _);
    }

    private static void Check(byte[] message, int start, string what, List<string> failures)
    {
        foreach (int position in (int[])[0, Math.Min(DnsHeader.Size, message.Length), start])
        {
            CheckName(message, position, what, failures);
            CheckQuestion(message, position, what, failures);
            CheckRecord(message, position, what, failures);
        }

        CheckQuery(message, what, failures);
    }

    private static void CheckName(byte[] message, int start, string what, List<string> failures)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, start);
        if (!reader.TryReadName(name, out int length))
        {
            Expect(reader.Position == start, $"{what}: failed TryReadName at {start} moved to {reader.Position}", failures);
            return;
        }

        Expect(reader.Position > start && reader.Position <= message.Length, $"{what}: TryReadName at {start} ended at {reader.Position}", failures);
        Expect(DnsName.TryGetLength(name[..length], out int valid) && valid == length, $"{what}: TryReadName at {start} produced an invalid name", failures);
    }

    private static void CheckQuestion(byte[] message, int start, string what, List<string> failures)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, start);
        bool read = reader.TryReadQuestion(name, out _, out _, out _);
        Expect(read ? reader.Position >= start + 5 && reader.Position <= message.Length : reader.Position == start,
            $"{what}: TryReadQuestion at {start} ({read}) ended at {reader.Position}", failures);
    }

    private static void CheckRecord(byte[] message, int start, string what, List<string> failures)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, start);
        if (!reader.TryReadRecord(name, out ResourceRecordHeader header, out ReadOnlySpan<byte> data))
        {
            Expect(reader.Position == start, $"{what}: failed TryReadRecord at {start} moved to {reader.Position}", failures);
            return;
        }

        Expect(header.Offset == start && header.DataOffset + data.Length == reader.Position && reader.Position <= message.Length,
            $"{what}: TryReadRecord at {start} returned {header} with {data.Length} octets, ending at {reader.Position}", failures);
    }

    private static void CheckQuery(byte[] message, string what, List<string> failures)
    {
        byte[] nameBuffer = new byte[DnsName.MaxLength];
        if (!DnsHeader.TryRead(message, out DnsHeader header) || !DnsQuery.TryRead(message, header, nameBuffer, out DnsQuery query))
        {
            return;
        }

        Expect(DnsName.TryGetLength(query.Name, out int length) && length == query.Name.Length, $"{what}: DnsQuery read an invalid name", failures);
    }

    private static void Expect(bool condition, string failure, List<string> failures)
    {
        if (!condition && failures.Count < 20)
        {
            failures.Add(failure);
        }
    }
}
