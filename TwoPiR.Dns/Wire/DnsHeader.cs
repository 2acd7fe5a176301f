using System.Buffers.Binary;

namespace TwoPiR.Dns.Wire;

/// <summary>The fixed 12-octet message header (RFC 1035 §4.1.1).</summary>
/// <remarks>
/// <code>
///                                 1  1  1  1  1  1
///   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                      ID                       |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                    QDCOUNT                    |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                    ANCOUNT                    |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                    NSCOUNT                    |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// |                    ARCOUNT                    |
/// +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// </code>
/// </remarks>
internal readonly record struct DnsHeader(
    ushort Id,
    HeaderFlags Flags,
    OpCode OpCode,
    ResponseCode ResponseCode,
    ushort QuestionCount,
    ushort AnswerCount,
    ushort AuthorityCount,
    ushort AdditionalCount)
{
    /// <summary>The header's size in octets.</summary>
    public const int Size = 12;

    private const int OpCodeShift = 11;
    private const ushort OpCodeMask = 0x7800;
    private const ushort ResponseCodeMask = 0x000F;

    /// <summary>Whether the QR bit marks the message as a response.</summary>
    public bool IsResponse => (Flags & HeaderFlags.Response) != 0;

    /// <summary>Reads a header from the start of <paramref name="message"/>.</summary>
    /// <returns><see langword="false"/> when the message is shorter than a header.</returns>
    public static bool TryRead(ReadOnlySpan<byte> message, out DnsHeader header)
    {
        if (message.Length < Size)
        {
            header = default;
            return false;
        }

        ushort word = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        header = new DnsHeader(
            Id: BinaryPrimitives.ReadUInt16BigEndian(message),
            Flags: (HeaderFlags)(word & ~(OpCodeMask | ResponseCodeMask)),
            OpCode: (OpCode)((word & OpCodeMask) >> OpCodeShift),
            ResponseCode: (ResponseCode)(word & ResponseCodeMask),
            QuestionCount: BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            AnswerCount: BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            AuthorityCount: BinaryPrimitives.ReadUInt16BigEndian(message[8..]),
            AdditionalCount: BinaryPrimitives.ReadUInt16BigEndian(message[10..]));
        return true;
    }

    /// <summary>Writes the header into the first <see cref="Size"/> octets of <paramref name="destination"/>.</summary>
    /// <remarks>Only the low four bits of an extended response code fit here; the rest go in the OPT record.</remarks>
    public void WriteTo(Span<byte> destination)
    {
        ushort word = (ushort)((ushort)Flags
            | (((int)OpCode << OpCodeShift) & OpCodeMask)
            | ((ushort)ResponseCode & ResponseCodeMask));
        BinaryPrimitives.WriteUInt16BigEndian(destination, Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], word);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], QuestionCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], AnswerCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], AuthorityCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], AdditionalCount);
    }
}
