using System.Net;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Testing;

/// <summary>A response parsed for assertions: header, question and records in presentation-like form.</summary>
internal sealed class ResponseView
{
    private ResponseView(byte[] message)
    {
        Message = message;
    }

    /// <summary>The response bytes.</summary>
    public byte[] Message { get; }

    /// <summary>The message ID.</summary>
    public ushort Id { get; private set; }

    /// <summary>The RCODE, extended by the OPT record when present.</summary>
    public int ResponseCode { get; private set; }

    /// <summary>Whether AA is set.</summary>
    public bool Authoritative { get; private set; }

    /// <summary>Whether TC is set.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Whether RD is set.</summary>
    public bool RecursionDesired { get; private set; }

    /// <summary>Whether RA is set.</summary>
    public bool RecursionAvailable { get; private set; }

    /// <summary>The question name in presentation form, case kept, or null when there is none.</summary>
    public string? QuestionName { get; private set; }

    /// <summary>The answer section.</summary>
    public List<ResponseRecord> Answers { get; } = [];

    /// <summary>The authority section.</summary>
    public List<ResponseRecord> Authority { get; } = [];

    /// <summary>The additional section, OPT excluded.</summary>
    public List<ResponseRecord> Additional { get; } = [];

    /// <summary>The OPT record's UDP payload size, or null when the response has no OPT.</summary>
    public int? EdnsPayload { get; private set; }

    /// <summary>Whether the OPT record has the DO bit.</summary>
    public bool DnssecOk { get; private set; }

    /// <summary>Parses <paramref name="message"/>; throws when it is not well formed.</summary>
    public static ResponseView Parse(ReadOnlySpan<byte> message)
    {
        if (!MessageValidator.IsWellFormed(message, out string problem))
        {
            throw new FormatException($"malformed response: {problem}");
        }

        ResponseView view = new(message.ToArray());
        DnsHeader.TryRead(message, out DnsHeader header);
        view.Id = header.Id;
        view.ResponseCode = (int)header.ResponseCode;
        view.Authoritative = (header.Flags & HeaderFlags.Authoritative) != 0;
        view.Truncated = (header.Flags & HeaderFlags.Truncated) != 0;
        view.RecursionDesired = (header.Flags & HeaderFlags.RecursionDesired) != 0;
        view.RecursionAvailable = (header.Flags & HeaderFlags.RecursionAvailable) != 0;
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, DnsHeader.Size);
        if (header.QuestionCount > 0)
        {
            reader.TryReadQuestion(name, out int length, out _, out _);
            view.QuestionName = DnsName.ToText(name[..length]);
        }

        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            reader.TryReadRecord(name, out ResourceRecordHeader record, out ReadOnlySpan<byte> data);
            if (record.Type == RecordType.OPT)
            {
                view.EdnsPayload = record.RawClass;
                view.DnssecOk = (record.Ttl & 0x8000) != 0;
                view.ResponseCode |= (int)(record.Ttl >> 24) << 4;
                continue;
            }

            ResponseRecord parsed = new(DnsName.ToText(name[..record.NameLength]), record.Type, record.Ttl, Describe(message, record, data));
            List<ResponseRecord> section = i < header.AnswerCount ? view.Answers
                : i < header.AnswerCount + header.AuthorityCount ? view.Authority
                : view.Additional;
            section.Add(parsed);
        }

        return view;
    }

    private static string Describe(ReadOnlySpan<byte> message, ResourceRecordHeader record, ReadOnlySpan<byte> data)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, record.DataOffset);
        switch (record.Type)
        {
            case RecordType.A or RecordType.AAAA:
                return new IPAddress(data).ToString();
            case RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.SOA:
                reader.TryReadName(name, out int length);
                return DnsName.ToText(name[..length]);
            case RecordType.MX:
                reader.TryReadUInt16(out ushort preference);
                reader.TryReadName(name, out int exchange);
                return $"{preference} {DnsName.ToText(name[..exchange])}";
            default:
                return Convert.ToHexString(data);
        }
    }
}
