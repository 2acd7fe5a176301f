using System.Buffers.Binary;
using System.Diagnostics;

namespace TwoPiR.Dns.Wire;

/// <summary>
/// Writes a DNS message into a caller's buffer, compressing names (RFC 1035 §4.1.4).
/// Every method returns <see langword="false"/> when the buffer is full and then leaves the
/// message as it was before the call, so the caller can drop whole RRsets and set TC.
/// </summary>
internal ref partial struct DnsWriter
{
    /// <summary>The size of the OPT record <see cref="TryWriteOpt"/> writes, for <see cref="Reserve"/>.</summary>
    public const int OptSize = 11;

    private readonly Span<byte> _buffer;
    private readonly Span<ushort> _nameOffsets;
    private int _nameCount;
    private int _position;
    private int _limit;
    private ushort _questionCount;
    private ushort _answerCount;
    private ushort _authorityCount;
    private ushort _additionalCount;

    /// <summary>Starts a message in <paramref name="buffer"/>, just after the header.</summary>
    /// <param name="buffer">Where the message goes; its length is the size limit.</param>
    /// <param name="nameOffsets">Scratch space for the offsets of names already written; more entries compress better.</param>
    public DnsWriter(Span<byte> buffer, Span<ushort> nameOffsets)
    {
        Debug.Assert(buffer.Length >= DnsHeader.Size, "a message needs room for its header");
        _buffer = buffer;
        _nameOffsets = nameOffsets;
        _position = DnsHeader.Size;
        _limit = buffer.Length;
    }

    /// <summary>The message length so far, header included.</summary>
    public readonly int Length => _position;

    /// <summary>The number of records written to <paramref name="section"/>.</summary>
    public readonly int CountOf(DnsSection section) => section switch
    {
        DnsSection.Answer => _answerCount,
        DnsSection.Authority => _authorityCount,
        _ => _additionalCount,
    };

    /// <summary>Holds back <paramref name="octets"/> at the end of the buffer, e.g. for the OPT record.</summary>
    public void Reserve(int octets) => _limit = _buffer.Length - octets;

    /// <summary>Gives back what <see cref="Reserve"/> held.</summary>
    public void ReleaseReserve() => _limit = _buffer.Length;

    /// <summary>Marks the current state, for <see cref="Rollback"/>.</summary>
    public readonly WriterMark Mark() => new(_position, _nameCount, _questionCount, _answerCount, _authorityCount, _additionalCount);

    /// <summary>Forgets everything written since <paramref name="mark"/>, compression entries included.</summary>
    public void Rollback(WriterMark mark)
    {
        _position = mark.Position;
        _nameCount = mark.NameCount;
        _questionCount = mark.QuestionCount;
        _answerCount = mark.AnswerCount;
        _authorityCount = mark.AuthorityCount;
        _additionalCount = mark.AdditionalCount;
    }

    /// <summary>Writes a question entry (RFC 1035 §4.1.2).</summary>
    public bool TryWriteQuestion(scoped ReadOnlySpan<byte> name, RecordType type, RecordClass recordClass)
    {
        WriterMark mark = Mark();
        if (TryWriteName(name) && TryWriteUInt16((ushort)type) && TryWriteUInt16((ushort)recordClass))
        {
            _questionCount++;
            return true;
        }

        Rollback(mark);
        return false;
    }

    /// <summary>
    /// Writes one class IN record. <paramref name="data"/> is RDATA in uncompressed wire form; the
    /// names inside NS, CNAME, PTR, MX and SOA data are compressed, and only those (RFC 3597 §4).
    /// </summary>
    public bool TryWriteRecord(DnsSection section, scoped ReadOnlySpan<byte> owner, RecordType type, uint ttl, scoped ReadOnlySpan<byte> data)
    {
        WriterMark mark = Mark();
        if (TryWriteName(owner)
            && TryWriteUInt16((ushort)type)
            && TryWriteUInt16((ushort)RecordClass.IN)
            && TryWriteUInt32(ttl)
            && TryWriteData(type, data))
        {
            Count(section);
            return true;
        }

        Rollback(mark);
        return false;
    }

    /// <summary>
    /// Appends whole records already in wire form, counted into the sections given. Their
    /// compression pointers must point below this position at what the source message had there:
    /// true when the source had the same header and a question of the same length.
    /// </summary>
    public bool TryWriteRecords(scoped ReadOnlySpan<byte> records, ushort answers, ushort authority, ushort additional)
    {
        if (!TryWriteBytes(records))
        {
            return false;
        }

        _answerCount += answers;
        _authorityCount += authority;
        _additionalCount += additional;
        return true;
    }

    /// <summary>Writes the OPT pseudo-record (RFC 6891 §6.1.2) in the additional section.</summary>
    /// <remarks>
    /// <code>
    /// | NAME = root | TYPE = OPT | CLASS = UDP payload size | EXTENDED-RCODE (8) | VERSION (8) | DO | Z (15) | RDLEN = 0 |
    /// </code>
    /// </remarks>
    public bool TryWriteOpt(ushort payloadSize, ResponseCode responseCode, bool dnssecOk)
    {
        if (_position + OptSize > _limit)
        {
            return false;
        }

        Span<byte> record = _buffer.Slice(_position, OptSize);
        record[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(record[1..], (ushort)RecordType.OPT);
        BinaryPrimitives.WriteUInt16BigEndian(record[3..], payloadSize);
        uint extended = (uint)((int)responseCode >> 4) << 24;
        BinaryPrimitives.WriteUInt32BigEndian(record[5..], extended | (dnssecOk ? 0x8000u : 0u));
        BinaryPrimitives.WriteUInt16BigEndian(record[9..], 0);
        _position += OptSize;
        _additionalCount++;
        return true;
    }

    /// <summary>Writes the header with the section counts so far and returns the message length.</summary>
    public readonly int Finish(ushort id, HeaderFlags flags, OpCode opCode, ResponseCode responseCode)
    {
        new DnsHeader(id, flags, opCode, (ResponseCode)((int)responseCode & 0xF), _questionCount, _answerCount, _authorityCount, _additionalCount)
            .WriteTo(_buffer);
        return _position;
    }

    private void Count(DnsSection section)
    {
        switch (section)
        {
            case DnsSection.Answer:
                _answerCount++;
                break;
            case DnsSection.Authority:
                _authorityCount++;
                break;
            default:
                _additionalCount++;
                break;
        }
    }

    private bool TryWriteData(RecordType type, scoped ReadOnlySpan<byte> data)
    {
        int lengthAt = _position;
        if (!TryWriteUInt16(0))
        {
            return false;
        }

        bool written = type switch
        {
            RecordType.NS or RecordType.CNAME or RecordType.PTR => TryWriteName(data),
            RecordType.MX => TryWriteBytes(data[..2]) && TryWriteName(data[2..]),
            RecordType.SOA => TryWriteSoaData(data),
            _ => TryWriteBytes(data),
        };
        if (!written)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[lengthAt..], (ushort)(_position - lengthAt - sizeof(ushort)));
        return true;
    }

    private bool TryWriteSoaData(scoped ReadOnlySpan<byte> data)
    {
        // RFC 1035 §3.3.13: MNAME, RNAME, then SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM (20 octets).
        DnsName.TryGetLength(data, out int primaryLength);
        ReadOnlySpan<byte> rest = data[primaryLength..];
        DnsName.TryGetLength(rest, out int mailboxLength);
        return TryWriteName(data[..primaryLength])
            && TryWriteName(rest[..mailboxLength])
            && TryWriteBytes(rest[mailboxLength..]);
    }

    private bool TryWriteUInt16(ushort value)
    {
        if (_position + sizeof(ushort) > _limit)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += sizeof(ushort);
        return true;
    }

    private bool TryWriteUInt32(uint value)
    {
        if (_position + sizeof(uint) > _limit)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += sizeof(uint);
        return true;
    }

    private bool TryWriteBytes(scoped ReadOnlySpan<byte> value)
    {
        if (_position + value.Length > _limit)
        {
            return false;
        }

        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
        return true;
    }
}
