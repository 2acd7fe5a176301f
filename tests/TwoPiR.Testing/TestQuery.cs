using System.Buffers.Binary;
using System.Text;

namespace TwoPiR.Testing;

/// <summary>Builds query messages byte by byte, for tests that talk to a server without dig.</summary>
public static class TestQuery
{
    /// <summary>The QTYPE of A (RFC 1035 §3.2.2).</summary>
    public const ushort TypeA = 1;

    /// <summary>The QTYPE of TXT (RFC 1035 §3.2.2).</summary>
    public const ushort TypeTxt = 16;

    /// <summary>The QTYPE of AXFR (RFC 5936).</summary>
    public const ushort TypeAxfr = 252;

    /// <summary>The class IN (RFC 1035 §3.2.4).</summary>
    public const ushort ClassIn = 1;

    /// <summary>Builds a standard query for one question.</summary>
    /// <remarks>
    /// <code>
    /// | header (12) | QNAME | QTYPE (16) | QCLASS (16) | [OPT: root | 41 | payload | ext-rcode, version, DO | RDLEN 0]
    /// </code>
    /// </remarks>
    /// <param name="id">The message ID.</param>
    /// <param name="name">The name in presentation form, e.g. <c>twopir.example.com</c>; the trailing dot is optional.</param>
    /// <param name="type">The QTYPE.</param>
    /// <param name="recordClass">The QCLASS.</param>
    /// <param name="ednsPayload">When set, an OPT record advertising this UDP payload size is added (RFC 6891).</param>
    /// <returns>The message.</returns>
    public static byte[] Build(ushort id, string name, ushort type, ushort recordClass = ClassIn, ushort? ednsPayload = null)
    {
        List<byte> message = [];
        Append(message, id);
        Append(message, 0x0000); // QR=0, opcode QUERY, RD=0
        Append(message, 1); // QDCOUNT
        Append(message, 0); // ANCOUNT
        Append(message, 0); // NSCOUNT
        Append(message, (ushort)(ednsPayload is null ? 0 : 1)); // ARCOUNT
        message.AddRange(EncodeName(name));
        Append(message, type);
        Append(message, recordClass);
        if (ednsPayload is { } payload)
        {
            message.Add(0); // owner: the root
            Append(message, 41); // TYPE OPT
            Append(message, payload); // CLASS: the UDP payload size
            Append(message, 0); // extended RCODE and VERSION 0
            Append(message, 0); // DO=0, Z
            Append(message, 0); // RDLENGTH
        }

        return [.. message];
    }

    /// <summary>Encodes <paramref name="name"/> as uncompressed length-prefixed labels ending with the root.</summary>
    public static byte[] EncodeName(string name)
    {
        List<byte> wire = [];
        foreach (string label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            byte[] octets = Encoding.ASCII.GetBytes(label);
            wire.Add((byte)octets.Length);
            wire.AddRange(octets);
        }

        wire.Add(0);
        return [.. wire];
    }

    private static void Append(List<byte> message, ushort value)
    {
        Span<byte> field = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(field, value);
        message.AddRange(field);
    }
}
