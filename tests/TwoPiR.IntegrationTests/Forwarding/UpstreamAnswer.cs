using System.Buffers.Binary;
using System.Net;
using System.Text;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// An answer for a <see cref="FakeUpstream"/> to send, field by field, so a test can get any one
/// of them wrong: <c>UpstreamAnswer.To(query) with { Id = 7 }</c>.
/// </summary>
internal sealed record UpstreamAnswer
{
    /// <summary>The message ID.</summary>
    public required ushort Id { get; init; }

    /// <summary>The question name, in presentation form, in the case to send.</summary>
    public required string Name { get; init; }

    /// <summary>The question type.</summary>
    public RecordType Type { get; init; } = RecordType.A;

    /// <summary>The question class.</summary>
    public RecordClass Class { get; init; } = RecordClass.IN;

    /// <summary>The header flags; QR, RD and RA by default, as a recursive resolver answers.</summary>
    public HeaderFlags Flags { get; init; } = HeaderFlags.Response | HeaderFlags.RecursionDesired | HeaderFlags.RecursionAvailable;

    /// <summary>The RCODE.</summary>
    public ResponseCode Code { get; init; } = ResponseCode.NoError;

    /// <summary>The answer records, all owned by the question name.</summary>
    public IReadOnlyList<AnswerRecord> Answers { get; init; } = [];

    /// <summary>When set, an OPT record with this payload size ends the message.</summary>
    public ushort? EdnsPayload { get; init; }

    /// <summary>An answer to <paramref name="query"/> with no records: its ID, question, and an OPT when it had one.</summary>
    public static UpstreamAnswer To(ReceivedQuery query) => new()
    {
        Id = query.Id,
        Name = query.Name,
        Type = query.Type,
        Class = query.Class,
        EdnsPayload = query.EdnsPayload is null ? null : (ushort)4096,
    };

    /// <summary>The answer with one A record per address in <paramref name="addresses"/>.</summary>
    public UpstreamAnswer WithAddresses(uint ttl, params string[] addresses) =>
        this with { Answers = [.. addresses.Select(address => new AnswerRecord(RecordType.A, ttl, IPAddress.Parse(address).GetAddressBytes()))] };

    /// <summary>The answer with <paramref name="count"/> TXT records of one string of <paramref name="length"/> characters each.</summary>
    public UpstreamAnswer WithTexts(int count, int length, uint ttl) =>
        this with { Answers = [.. Enumerable.Range(1, count).Select(i => new AnswerRecord(RecordType.TXT, ttl, Text($"record {i} of {count} ", length)))] };

    /// <summary>The reply a fake upstream sends from the port the query went to.</summary>
    public FakeReply Reply() => new(ToBytes(), FromAnotherPort: false);

    /// <summary>The reply sent from another port of the same address: what an off-path spoofer can do at best.</summary>
    public FakeReply FromAnotherPort() => new(ToBytes(), FromAnotherPort: true);

    /// <summary>The message in wire form.</summary>
    public byte[] ToBytes()
    {
        List<byte> message = [];
        Append16(message, Id);
        Append16(message, (ushort)((ushort)Flags | (ushort)Code));
        Append16(message, 1);                                    // QDCOUNT
        Append16(message, (ushort)Answers.Count);                // ANCOUNT
        Append16(message, 0);                                    // NSCOUNT
        Append16(message, EdnsPayload is null ? (ushort)0 : (ushort)1); // ARCOUNT
        message.AddRange(QueryBytes.WireName(Name));
        Append16(message, (ushort)Type);
        Append16(message, (ushort)Class);
        foreach (AnswerRecord record in Answers)
        {
            message.AddRange([0xC0, 0x0C]);                      // owner: pointer to the question name at offset 12
            Append16(message, (ushort)record.Type);
            Append16(message, (ushort)RecordClass.IN);
            Append32(message, record.Ttl);
            Append16(message, (ushort)record.Data.Length);       // RDLENGTH
            message.AddRange(record.Data);
        }

        if (EdnsPayload is { } payload)
        {
            message.Add(0);                                      // root owner
            Append16(message, (ushort)RecordType.OPT);
            Append16(message, payload);                          // CLASS: UDP payload size
            Append32(message, 0);                                // extended RCODE, version, flags
            Append16(message, 0);                                // RDLENGTH
        }

        return [.. message];
    }

    private static byte[] Text(string prefix, int length)
    {
        byte[] data = new byte[1 + length];
        data[0] = (byte)length;                                  // one character-string: length octet, then text
        Encoding.ASCII.GetBytes(prefix.PadRight(length, 'x')[..length]).CopyTo(data, 1);
        return data;
    }

    private static void Append16(List<byte> message, ushort value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        message.AddRange(bytes);
    }

    private static void Append32(List<byte> message, uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        message.AddRange(bytes);
    }
}
