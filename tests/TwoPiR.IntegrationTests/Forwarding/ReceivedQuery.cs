using TwoPiR.Dns.Wire;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>A query that reached a <see cref="FakeUpstream"/>, parsed for assertions about what the forwarder sends.</summary>
internal sealed class ReceivedQuery
{
    private ReceivedQuery(byte[] message, bool overTcp, DnsHeader header)
    {
        Message = message;
        OverTcp = overTcp;
        Header = header;
    }

    /// <summary>The query as it arrived, without the TCP length prefix.</summary>
    public byte[] Message { get; }

    /// <summary>Whether it came over TCP rather than UDP.</summary>
    public bool OverTcp { get; }

    /// <summary>The header: ID, flags, opcode and counts.</summary>
    public DnsHeader Header { get; }

    /// <summary>The message ID.</summary>
    public ushort Id => Header.Id;

    /// <summary>The question name in presentation form, fully qualified, in the case it was sent.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The question type.</summary>
    public RecordType Type { get; private set; }

    /// <summary>The question class.</summary>
    public RecordClass Class { get; private set; }

    /// <summary>The OPT record's UDP payload size, or <see langword="null"/> without an OPT record.</summary>
    public int? EdnsPayload { get; private set; }

    /// <summary>Whether the OPT record has the DO bit.</summary>
    public bool DnssecOk { get; private set; }

    /// <summary>Whether the header flag <paramref name="flag"/> is set.</summary>
    public bool Has(HeaderFlags flag) => (Header.Flags & flag) == flag;

    /// <summary>Parses <paramref name="message"/>: a header, one question, and records after it.</summary>
    /// <returns>The query, or <see langword="null"/> when it does not parse.</returns>
    public static ReceivedQuery? TryParse(byte[] message, bool overTcp)
    {
        if (!DnsHeader.TryRead(message, out DnsHeader header) || header.QuestionCount != 1)
        {
            return null;
        }

        ReceivedQuery query = new(message, overTcp, header);
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, DnsHeader.Size);
        if (!reader.TryReadQuestion(name, out int length, out RecordType type, out RecordClass recordClass))
        {
            return null;
        }

        query.Name = DnsName.ToText(name[..length]);
        query.Type = type;
        query.Class = recordClass;
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            if (!reader.TryReadRecord(name, out ResourceRecordHeader record, out _))
            {
                return null;
            }

            if (record.Type == RecordType.OPT)
            {
                // RFC 6891 §6.1.3: CLASS is the payload size; the TTL holds extended RCODE, version, DO and Z.
                query.EdnsPayload = record.RawClass;
                query.DnssecOk = (record.Ttl & 0x8000) != 0;
            }
        }

        return query;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(OverTcp ? "tcp" : "udp")} id={Id} {Name} {Type} flags={Header.Flags} edns={EdnsPayload?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
}
