using System.Buffers.Binary;

namespace TwoPiR.Dns.Wire;

/// <summary>
/// Reads a DNS message from untrusted bytes. Every method returns <see langword="false"/> on
/// truncated or invalid input and leaves the position where it was; none throws.
/// </summary>
internal ref struct DnsReader
{
    /// <summary>RFC 1035 §4.1.4 leaves hops unbounded; no honest message needs more than a few.</summary>
    public const int MaxPointerHops = 16;

    private const byte PointerTag = 0xC0;
    private const byte LabelTypeMask = 0xC0;

    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    /// <summary>Starts reading <paramref name="message"/> at <paramref name="position"/>.</summary>
    public DnsReader(ReadOnlySpan<byte> message, int position = 0)
    {
        _message = message;

        // A start past the end leaves nothing to read, so every read fails instead of throwing.
        _position = Math.Min(position, message.Length);
    }

    /// <summary>The offset of the next octet to read.</summary>
    public readonly int Position => _position;

    /// <summary>The number of octets after the position.</summary>
    public readonly int Remaining => _message.Length - _position;

    /// <summary>Reads an octet.</summary>
    public bool TryReadByte(out byte value)
    {
        if (_position >= _message.Length)
        {
            value = 0;
            return false;
        }

        value = _message[_position++];
        return true;
    }

    /// <summary>Reads a big-endian 16-bit field.</summary>
    public bool TryReadUInt16(out ushort value)
    {
        if (!BinaryPrimitives.TryReadUInt16BigEndian(_message[_position..], out value))
        {
            return false;
        }

        _position += sizeof(ushort);
        return true;
    }

    /// <summary>Reads a big-endian 32-bit field.</summary>
    public bool TryReadUInt32(out uint value)
    {
        if (!BinaryPrimitives.TryReadUInt32BigEndian(_message[_position..], out value))
        {
            return false;
        }

        _position += sizeof(uint);
        return true;
    }

    /// <summary>Returns the next <paramref name="length"/> octets without copying them.</summary>
    public bool TryReadBytes(int length, out ReadOnlySpan<byte> value)
    {
        if ((uint)length > (uint)Remaining)
        {
            value = default;
            return false;
        }

        value = _message.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>
    /// Reads a possibly compressed name and writes it to <paramref name="destination"/> in
    /// uncompressed wire form, keeping the case of every octet.
    /// </summary>
    /// <param name="destination">At least <see cref="DnsName.MaxLength"/> octets.</param>
    /// <param name="length">The length of the uncompressed name, root label included.</param>
    /// <returns>
    /// <see langword="false"/> for a truncated name, a label over 63 octets, a reserved label
    /// type (0x40, 0x80), a name over 255 octets, or a pointer that does not point strictly
    /// before every part of the name read so far (which also rules out loops).
    /// </returns>
    public bool TryReadName(scoped Span<byte> destination, out int length)
    {
        length = 0;
        int position = _position;
        int lowestStart = _position;
        int resumeAt = -1;
        int written = 0;
        for (int hops = 0; ;)
        {
            if (position >= _message.Length)
            {
                return false;
            }

            byte label = _message[position];
            if ((label & LabelTypeMask) == PointerTag)
            {
                // RFC 1035 §4.1.4: a pointer is a 14-bit offset from the message start.
                if (position + 1 >= _message.Length || ++hops > MaxPointerHops)
                {
                    return false;
                }

                // Only backwards, and never into the header, where no name can start: a name read
                // from header bytes would change meaning once the message is relayed with another ID.
                int target = ((label & ~LabelTypeMask) << 8) | _message[position + 1];
                if (target >= lowestStart || target < DnsHeader.Size)
                {
                    return false;
                }

                if (resumeAt < 0)
                {
                    resumeAt = position + 2;
                }

                lowestStart = target;
                position = target;
                continue;
            }

            // The root label still has to fit after any other label.
            int lengthWithRoot = written + 1 + label + (label == 0 ? 0 : 1);
            if (label > DnsName.MaxLabelLength || lengthWithRoot > DnsName.MaxLength)
            {
                return false;
            }

            if (label == 0)
            {
                destination[written++] = 0;
                _position = resumeAt < 0 ? position + 1 : resumeAt;
                length = written;
                return true;
            }

            if (position + 1 + label > _message.Length)
            {
                return false;
            }

            _message.Slice(position, 1 + label).CopyTo(destination[written..]);
            written += 1 + label;
            position += 1 + label;
        }
    }

    /// <summary>Reads a question entry (RFC 1035 §4.1.2) into <paramref name="name"/>.</summary>
    public bool TryReadQuestion(scoped Span<byte> name, out int nameLength, out RecordType type, out RecordClass recordClass)
    {
        int start = _position;
        type = default;
        recordClass = default;
        if (TryReadName(name, out nameLength) && TryReadUInt16(out ushort rawType) && TryReadUInt16(out ushort rawClass))
        {
            type = (RecordType)rawType;
            recordClass = (RecordClass)rawClass;
            return true;
        }

        _position = start;
        return false;
    }

    /// <summary>
    /// Reads a resource record (RFC 1035 §4.1.3) and returns its RDATA as a slice of the message;
    /// the owner name goes to <paramref name="name"/>.
    /// </summary>
    /// <remarks>
    /// <code>
    /// | NAME (variable) | TYPE (16) | CLASS (16) | TTL (32) | RDLENGTH (16) | RDATA (RDLENGTH) |
    /// </code>
    /// </remarks>
    public bool TryReadRecord(scoped Span<byte> name, out ResourceRecordHeader header, out ReadOnlySpan<byte> data)
    {
        int start = _position;
        if (TryReadName(name, out int nameLength)
            && TryReadUInt16(out ushort type)
            && TryReadUInt16(out ushort recordClass)
            && TryReadUInt32(out uint ttl)
            && TryReadUInt16(out ushort dataLength)
            && TryReadBytes(dataLength, out data))
        {
            header = new ResourceRecordHeader(nameLength, (RecordType)type, recordClass, ttl, start, _position - dataLength);
            return true;
        }

        _position = start;
        header = default;
        data = default;
        return false;
    }
}
