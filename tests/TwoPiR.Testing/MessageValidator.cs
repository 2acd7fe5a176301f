using TwoPiR.Dns.Wire;

namespace TwoPiR.Testing;

/// <summary>A strict reader of responses: everything a client would need to parse them must hold.</summary>
public static class MessageValidator
{
    /// <summary>Checks that <paramref name="message"/> is a well-formed DNS response.</summary>
    /// <param name="message">The response as sent.</param>
    /// <param name="problem">What is wrong, when it is not well formed.</param>
    /// <returns><see langword="true"/> when every section parses exactly to the end of the message.</returns>
    public static bool IsWellFormed(ReadOnlySpan<byte> message, out string problem)
    {
        if (!DnsHeader.TryRead(message, out DnsHeader header))
        {
            problem = "shorter than a header";
            return false;
        }

        if (!header.IsResponse)
        {
            problem = "QR is not set";
            return false;
        }

        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, DnsHeader.Size);
        for (int i = 0; i < header.QuestionCount; i++)
        {
            if (!reader.TryReadQuestion(name, out _, out _, out _))
            {
                problem = $"question {i} does not parse";
                return false;
            }
        }

        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        int options = 0;
        for (int i = 0; i < records; i++)
        {
            if (!reader.TryReadRecord(name, out ResourceRecordHeader record, out ReadOnlySpan<byte> data))
            {
                problem = $"record {i} does not parse";
                return false;
            }

            if (record.Type == RecordType.OPT && (++options > 1 || i < header.AnswerCount + header.AuthorityCount || record.NameLength != 1))
            {
                problem = "OPT is repeated, outside the additional section, or not owned by the root";
                return false;
            }

            if (!IsValidData(message, record, data))
            {
                problem = $"record {i} ({record.Type}) has malformed RDATA";
                return false;
            }
        }

        if (reader.Remaining != 0)
        {
            problem = $"{reader.Remaining} octets after the last record";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>Names inside NS, CNAME, PTR, MX and SOA may be compressed; the rest must match their layout.</summary>
    private static bool IsValidData(ReadOnlySpan<byte> message, ResourceRecordHeader record, ReadOnlySpan<byte> data)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        int end = record.DataOffset + data.Length;
        DnsReader reader = new(message[..end], record.DataOffset);
        switch (record.Type)
        {
            case RecordType.NS or RecordType.CNAME or RecordType.PTR:
                return reader.TryReadName(name, out _) && reader.Remaining == 0;
            case RecordType.MX:
                return reader.TryReadUInt16(out _) && reader.TryReadName(name, out _) && reader.Remaining == 0;
            case RecordType.SOA:
                return reader.TryReadName(name, out _) && reader.TryReadName(name, out _) && reader.Remaining == 20;
            default:
                return RecordData.IsValid(record.Type, data);
        }
    }
}
