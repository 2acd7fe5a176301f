using System.Buffers.Binary;

namespace TwoPiR.Dns.Wire;

/// <summary>The RDATA layouts of the record types this server knows (RFC 1035 §3.3, RFC 3596, RFC 2782, RFC 8659).</summary>
internal static class RecordData
{
    private const int SoaFixedSize = 20;
    private const int SrvFixedSize = 6;

    /// <summary>
    /// Whether <paramref name="data"/> is well-formed, uncompressed RDATA for <paramref name="type"/>.
    /// Types without a known layout accept any octets (RFC 3597).
    /// </summary>
    public static bool IsValid(RecordType type, ReadOnlySpan<byte> data) => type switch
    {
        RecordType.A => data.Length == 4,
        RecordType.AAAA => data.Length == 16,
        RecordType.NS or RecordType.CNAME or RecordType.PTR => IsName(data, 0, out int end) && end == data.Length,
        RecordType.MX => IsName(data, 2, out int end) && end == data.Length,
        RecordType.SRV => IsName(data, SrvFixedSize, out int end) && end == data.Length,
        RecordType.SOA => IsSoa(data),
        RecordType.TXT => IsCharacterStrings(data),
        RecordType.CAA => IsCaa(data),
        _ => true,
    };

    /// <summary>Compares two RDATA of one type as DNS does: names inside them ignore case (RFC 4034 §6.2).</summary>
    public static bool AreEqual(RecordType type, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int nameAt = type switch
        {
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.SOA => 0,
            RecordType.MX => 2,
            RecordType.SRV => SrvFixedSize,
            _ => -1,
        };
        if (nameAt < 0 || left.Length != right.Length)
        {
            return left.SequenceEqual(right);
        }

        // Names ignore case; fixed fields must match exactly.
        if (type == RecordType.SOA)
        {
            return SoaEqual(left, right);
        }

        return left[..nameAt].SequenceEqual(right[..nameAt]) && DnsName.EqualsIgnoreCase(left[nameAt..], right[nameAt..]);
    }

    /// <summary>Reads the SERIAL and MINIMUM fields of SOA RDATA.</summary>
    public static (uint Serial, uint Minimum) ReadSoaTimers(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> timers = data[^SoaFixedSize..];
        return (BinaryPrimitives.ReadUInt32BigEndian(timers), BinaryPrimitives.ReadUInt32BigEndian(timers[16..]));
    }

    /// <summary>Returns the target name of NS, CNAME, PTR, MX or SRV RDATA.</summary>
    public static ReadOnlySpan<byte> TargetName(RecordType type, ReadOnlySpan<byte> data) => type switch
    {
        RecordType.MX => data[2..],
        RecordType.SRV => data[SrvFixedSize..],
        _ => data,
    };

    private static bool SoaEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int names = left.Length - SoaFixedSize;
        return DnsName.EqualsIgnoreCase(left[..names], right[..names]) && left[names..].SequenceEqual(right[names..]);
    }

    private static bool IsName(ReadOnlySpan<byte> data, int start, out int end)
    {
        end = 0;
        if (data.Length < start || !DnsName.TryGetLength(data[start..], out int length))
        {
            return false;
        }

        end = start + length;
        return true;
    }

    private static bool IsSoa(ReadOnlySpan<byte> data) =>
        IsName(data, 0, out int primaryEnd)
        && IsName(data, primaryEnd, out int mailboxEnd)
        && data.Length - mailboxEnd == SoaFixedSize;

    private static bool IsCharacterStrings(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        for (int position = 0; position < data.Length; position += 1 + data[position])
        {
            if (position + 1 + data[position] > data.Length)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 8659 §4.1: flags (8), tag length (8), tag of ASCII letters and digits, value.</summary>
    private static bool IsCaa(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[1] == 0 || 2 + data[1] > data.Length)
        {
            return false;
        }

        foreach (byte octet in data.Slice(2, data[1]))
        {
            if (!char.IsAsciiLetterOrDigit((char)octet))
            {
                return false;
            }
        }

        return true;
    }
}
