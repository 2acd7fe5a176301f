using System.Buffers.Binary;

namespace TwoPiR.Dns.Wire;

/// <summary>The parts of a query that an authoritative server acts on, read from untrusted bytes.</summary>
internal ref struct DnsQuery
{
    private const int OptOptionHeaderSize = 4;
    private const uint DnssecOkBit = 0x8000;

    /// <summary>The query's header.</summary>
    public DnsHeader Header;

    /// <summary>The question name in uncompressed wire form, with the case the client sent.</summary>
    public ReadOnlySpan<byte> Name;

    /// <summary>The question type.</summary>
    public RecordType Type;

    /// <summary>The question class.</summary>
    public RecordClass Class;

    /// <summary>The query's EDNS(0) parameters, if it had an OPT record.</summary>
    public EdnsRequest Edns;

    /// <summary>
    /// Reads the question and any OPT record of a QUERY message whose header is already read.
    /// Records in the answer and authority sections are checked for form, then ignored.
    /// </summary>
    /// <param name="message">The whole message.</param>
    /// <param name="header">Its header.</param>
    /// <param name="nameBuffer">At least 255 octets, to hold the question name.</param>
    /// <param name="query">The query, valid while <paramref name="nameBuffer"/> is.</param>
    /// <returns><see langword="false"/> when the message is malformed, which calls for FORMERR.</returns>
    public static bool TryRead(ReadOnlySpan<byte> message, scoped in DnsHeader header, Span<byte> nameBuffer, out DnsQuery query)
    {
        query = default;
        query.Header = header;
        DnsReader reader = new(message, DnsHeader.Size);
        if (header.QuestionCount != 1 || !reader.TryReadQuestion(nameBuffer, out int nameLength, out query.Type, out query.Class))
        {
            return false;
        }

        query.Name = nameBuffer[..nameLength];
        Span<byte> scratch = stackalloc byte[DnsName.MaxLength];
        int records = header.AnswerCount + header.AuthorityCount;
        for (int i = 0; i < records; i++)
        {
            if (!reader.TryReadRecord(scratch, out _, out _))
            {
                return false;
            }
        }

        for (int i = 0; i < header.AdditionalCount; i++)
        {
            if (!reader.TryReadRecord(scratch, out ResourceRecordHeader record, out ReadOnlySpan<byte> data))
            {
                return false;
            }

            // RFC 6891 §6.1.1: one OPT at most, owned by the root.
            if (record.Type == RecordType.OPT && (query.Edns.Present || record.NameLength != 1 || !AreOptionsWellFormed(data)))
            {
                return false;
            }

            if (record.Type == RecordType.OPT)
            {
                query.Edns = new EdnsRequest(
                    Present: true,
                    PayloadSize: record.RawClass,
                    Version: (byte)(record.Ttl >> 16),
                    DnssecOk: (record.Ttl & DnssecOkBit) != 0);
            }
        }

        return true;
    }

    /// <summary>Checks that the OPT RDATA is a sequence of whole options (RFC 6891 §6.1.2); their meaning is ignored.</summary>
    /// <remarks>
    /// <code>
    /// | OPTION-CODE (16) | OPTION-LENGTH (16) | OPTION-DATA (OPTION-LENGTH) | ...
    /// </code>
    /// </remarks>
    private static bool AreOptionsWellFormed(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            if (data.Length < OptOptionHeaderSize)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            if (OptOptionHeaderSize + length > data.Length)
            {
                return false;
            }

            data = data[(OptOptionHeaderSize + length)..];
        }

        return true;
    }
}
