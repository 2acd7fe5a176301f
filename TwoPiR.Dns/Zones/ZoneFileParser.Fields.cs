using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>Presentation-format fields: names, TTLs, numbers, addresses and character strings.</summary>
internal sealed partial class ZoneFileParser
{
    private static readonly SearchValues<byte> s_ipv6Characters = SearchValues.Create("0123456789abcdefABCDEF:."u8);

    private static readonly Dictionary<string, RecordType> s_typesByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = RecordType.A,
        ["NS"] = RecordType.NS,
        ["CNAME"] = RecordType.CNAME,
        ["SOA"] = RecordType.SOA,
        ["PTR"] = RecordType.PTR,
        ["MX"] = RecordType.MX,
        ["TXT"] = RecordType.TXT,
        ["AAAA"] = RecordType.AAAA,
        ["SRV"] = RecordType.SRV,
        ["CAA"] = RecordType.CAA,
    };

    /// <summary>
    /// Parses a domain name (RFC 1035 §5.1): <c>@</c> is the origin, a name without a final dot
    /// is relative to it, <c>\X</c> and <c>\DDD</c> escape single octets.
    /// </summary>
    /// <param name="token">The name's token.</param>
    /// <param name="quotedAllowed">Whether quotes are allowed: BIND takes a quoted owner, but not a quoted name in data.</param>
    private byte[] ParseName(ZoneToken token, bool quotedAllowed = false)
    {
        ReadOnlySpan<byte> text = Text(token);
        if (token.IsQuoted && !quotedAllowed)
        {
            throw Error(token, "a domain name cannot be quoted");
        }

        if (text.SequenceEqual("@"u8))
        {
            return _origin;
        }

        if (text.SequenceEqual("."u8))
        {
            return [0];
        }

        Span<byte> name = stackalloc byte[DnsName.MaxLength + DnsName.MaxLabelLength + 2];
        int length = 0;
        int labelStart = 0;
        bool absolute = false;
        for (int i = 0; i < text.Length;)
        {
            if (text[i] == '.')
            {
                if (length == labelStart)
                {
                    throw Error(token, $"empty label in '{Encoding.UTF8.GetString(text)}'");
                }

                CloseLabel(token, name, labelStart, ref length);
                labelStart = length;
                absolute = ++i == text.Length;
                continue;
            }

            if (length == labelStart)
            {
                length++; // room for the label's length octet
            }

            name[length++] = DecodeOctet(token, text, ref i);
            if (length - labelStart - 1 > DnsName.MaxLabelLength)
            {
                throw Error(token, $"label longer than {DnsName.MaxLabelLength} octets in '{Encoding.UTF8.GetString(text)}'");
            }
        }

        if (length > labelStart)
        {
            CloseLabel(token, name, labelStart, ref length);
        }

        ReadOnlySpan<byte> suffix = absolute ? DnsName.Root : _origin;
        if (length + suffix.Length > DnsName.MaxLength)
        {
            throw Error(token, $"name longer than {DnsName.MaxLength} octets: '{Encoding.UTF8.GetString(text)}'");
        }

        byte[] result = new byte[length + suffix.Length];
        name[..length].CopyTo(result);
        suffix.CopyTo(result.AsSpan(length));
        return result;
    }

    private void CloseLabel(ZoneToken token, Span<byte> name, int labelStart, ref int length)
    {
        name[labelStart] = (byte)(length - labelStart - 1);
        if (length > DnsName.MaxLength)
        {
            throw Error(token, $"name longer than {DnsName.MaxLength} octets: '{Encoding.UTF8.GetString(Text(token))}'");
        }
    }

    /// <summary>Decodes one octet at <paramref name="index"/>, resolving <c>\X</c> and <c>\DDD</c> (RFC 1035 §5.1).</summary>
    private static byte DecodeOctet(ZoneToken token, ReadOnlySpan<byte> text, ref int index)
    {
        if (text[index] != '\\')
        {
            return text[index++];
        }

        if (index + 1 >= text.Length)
        {
            throw Error(token, "'\\' at the end of a field escapes nothing");
        }

        if (!char.IsAsciiDigit((char)text[index + 1]))
        {
            index += 2;
            return text[index - 1];
        }

        if (index + 3 >= text.Length || !char.IsAsciiDigit((char)text[index + 2]) || !char.IsAsciiDigit((char)text[index + 3]))
        {
            throw Error(token, "a numeric escape needs exactly three digits, as in \\065");
        }

        int value = ((text[index + 1] - '0') * 100) + ((text[index + 2] - '0') * 10) + (text[index + 3] - '0');
        if (value > byte.MaxValue)
        {
            throw Error(token, $"escape \\{value} is above 255");
        }

        index += 4;
        return (byte)value;
    }

    /// <summary>Decodes a character string or other free text, escapes resolved.</summary>
    private byte[] DecodeText(ZoneToken token)
    {
        ReadOnlySpan<byte> text = Text(token);
        byte[] decoded = new byte[text.Length];
        int length = 0;
        for (int i = 0; i < text.Length;)
        {
            decoded[length++] = DecodeOctet(token, text, ref i);
        }

        return decoded.AsSpan(0, length).ToArray();
    }

    /// <summary>Parses a TTL: seconds, or BIND's units as in <c>1h30m</c> (w, d, h, m, s).</summary>
    private uint ParseTtl(ZoneToken token)
    {
        ReadOnlySpan<byte> text = Text(token);
        ulong total = 0;
        int i = 0;
        while (i < text.Length)
        {
            int digitsStart = i;
            ulong number = 0;
            while (i < text.Length && char.IsAsciiDigit((char)text[i]) && number <= uint.MaxValue)
            {
                number = (number * 10) + (ulong)(text[i++] - '0');
            }

            if (i == digitsStart || number > uint.MaxValue || token.IsQuoted)
            {
                throw Error(token, $"'{Encoding.UTF8.GetString(text)}' is not a TTL (seconds, or units as in 1h30m)");
            }

            if (i == text.Length && total == 0)
            {
                total = number; // a plain number of seconds
                break;
            }

            ulong unit = i < text.Length ? UnitSeconds(text[i]) : 0;
            if (unit == 0)
            {
                throw Error(token, $"'{Encoding.UTF8.GetString(text)}' is not a TTL (seconds, or units as in 1h30m)");
            }

            total += number * unit;
            i++;
        }

        return total <= uint.MaxValue
            ? (uint)total
            : throw Error(token, $"TTL '{Encoding.UTF8.GetString(text)}' is out of range (at most 4294967295 seconds)");
    }

    private static ulong UnitSeconds(byte unit) => (char)unit switch
    {
        'w' or 'W' => 7 * 24 * 3600,
        'd' or 'D' => 24 * 3600,
        'h' or 'H' => 3600,
        'm' or 'M' => 60,
        's' or 'S' => 1,
        _ => 0,
    };

    /// <summary>Recognizes the class field; zones here hold only class IN (RFC 1035 §3.2.4, RFC 3597 §5 spelling CLASS1).</summary>
    private bool IsClass(ZoneToken token)
    {
        string text = Encoding.ASCII.GetString(Text(token));
        if (text.Equals("IN", StringComparison.OrdinalIgnoreCase) || text.Equals("CLASS1", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // RFC 3597 §5: CLASSnnn, so CLASS01 is IN too.
        ushort number = 0;
        bool generic = text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out number);
        if (generic && number == 1)
        {
            return true;
        }

        bool otherClass = generic || text.ToUpperInvariant() is "CH" or "CS" or "HS" or "NONE" or "ANY";
        return otherClass ? throw Error(token, $"class {text} is not served: zones here are class IN") : false;
    }

    /// <summary>Parses a type mnemonic or the generic TYPEnnn (RFC 3597 §5).</summary>
    private RecordType ParseType(ZoneToken token)
    {
        string text = Encoding.ASCII.GetString(Text(token));
        if (token.IsQuoted)
        {
            throw Error(token, $"a record type cannot be quoted: \"{text}\"");
        }

        if (s_typesByName.TryGetValue(text, out RecordType known))
        {
            return known;
        }

        if (!text.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase)
            || !ushort.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out ushort number))
        {
            throw Error(token, $"unknown record type '{text}' (supported: A, AAAA, NS, SOA, CNAME, MX, TXT, SRV, PTR, CAA; write others as TYPEnnn \\# …, RFC 3597)");
        }

        // RFC 6895 §3.1: OPT and the 128-255 range are meta types and QTYPEs, never data; 0 is reserved.
        return number is 0 or (ushort)RecordType.OPT or (>= 128 and <= 255)
            ? throw Error(token, $"{text} is a meta or reserved type and cannot appear in a zone")
            : (RecordType)number;
    }

    private ulong ParseNumber(ZoneToken token, ulong maximum, string what)
    {
        ReadOnlySpan<byte> text = Text(token);
        ulong value = 0;
        foreach (byte octet in text)
        {
            if (!char.IsAsciiDigit((char)octet) || (value = (value * 10) + (ulong)(octet - '0')) > maximum)
            {
                throw Error(token, $"{what} must be a number from 0 to {maximum}, not '{Encoding.UTF8.GetString(text)}'");
            }
        }

        return text.IsEmpty || token.IsQuoted
            ? throw Error(token, $"{what} must be a number from 0 to {maximum}")
            : value;
    }

    /// <summary>Parses a dotted-quad IPv4 address as inet_pton does: four decimal octets, no leading zeros.</summary>
    private byte[] ParseIPv4(ZoneToken token)
    {
        byte[] address = new byte[4];
        return !token.IsQuoted && AddressText.TryParseIPv4(Text(token), address)
            ? address
            : throw Error(token, $"'{Encoding.UTF8.GetString(Text(token))}' is not an IPv4 address");
    }

    private byte[] ParseIPv6(ZoneToken token)
    {
        Span<byte> embedded = stackalloc byte[4];
        ReadOnlySpan<byte> text = Text(token);

        // An embedded IPv4 tail (::ffff:192.0.2.1) follows the strict IPv4 rules too.
        int lastColon = text.LastIndexOf((byte)':');
        bool plain = !token.IsQuoted && text.IndexOfAnyExcept(s_ipv6Characters) < 0 && lastColon >= 0
            && (text[lastColon..].IndexOf((byte)'.') < 0 || AddressText.TryParseIPv4(text[(lastColon + 1)..], embedded));
        if (!plain || !IPAddress.TryParse(Encoding.ASCII.GetString(text), out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw Error(token, $"'{Encoding.UTF8.GetString(text)}' is not an IPv6 address");
        }

        return address.GetAddressBytes();
    }
}
