using System.Buffers.Binary;
using System.Text;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Testing;

/// <summary>Builds query messages for tests, field by field.</summary>
public static class QueryBytes
{
    /// <summary>Builds a standard query for <paramref name="name"/> (presentation form, e.g. <c>www.example.com</c>).</summary>
    /// <param name="name">The question name; a final dot is optional.</param>
    /// <param name="type">The QTYPE, as a number so tests can ask for any type.</param>
    /// <param name="id">The message ID.</param>
    /// <param name="recordClass">The QCLASS.</param>
    /// <param name="recursionDesired">Whether RD is set.</param>
    /// <param name="ednsPayload">When set, an OPT record with this UDP payload size is added.</param>
    /// <param name="ednsVersion">The EDNS version in the OPT record.</param>
    /// <param name="dnssecOk">Whether the OPT record has the DO bit.</param>
    /// <returns>The message.</returns>
    public static byte[] Create(
        string name,
        ushort type,
        ushort id = 0x1234,
        ushort recordClass = 1,
        bool recursionDesired = true,
        ushort? ednsPayload = null,
        byte ednsVersion = 0,
        bool dnssecOk = false)
    {
        List<byte> message = [];
        Append16(message, id);
        Append16(message, recursionDesired ? (ushort)HeaderFlags.RecursionDesired : (ushort)0);
        Append16(message, 1);
        Append16(message, 0);
        Append16(message, 0);
        Append16(message, ednsPayload is null ? (ushort)0 : (ushort)1);
        message.AddRange(WireName(name));
        Append16(message, type);
        Append16(message, recordClass);
        if (ednsPayload is { } payload)
        {
            message.Add(0); // root owner
            Append16(message, (ushort)RecordType.OPT);
            Append16(message, payload);
            message.Add(0); // extended RCODE
            message.Add(ednsVersion);
            Append16(message, dnssecOk ? (ushort)0x8000 : (ushort)0);
            Append16(message, 0); // RDLENGTH
        }

        return [.. message];
    }

    /// <summary>Converts a presentation name without escapes to wire form.</summary>
    public static byte[] WireName(string name)
    {
        List<byte> wire = [];
        foreach (string label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            byte[] bytes = Encoding.ASCII.GetBytes(label);
            wire.Add((byte)bytes.Length);
            wire.AddRange(bytes);
        }

        wire.Add(0);
        return [.. wire];
    }

    private static void Append16(List<byte> message, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        message.AddRange(bytes);
    }
}
