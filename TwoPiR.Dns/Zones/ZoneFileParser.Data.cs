using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>RDATA in presentation form, per type, and the generic <c>\#</c> form (RFC 3597 §5).</summary>
internal sealed partial class ZoneFileParser
{
    private const int MaxCharacterString = 255;

    private static readonly SearchValues<byte> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    private readonly ArrayBufferWriter<byte> _data = new(512);

    private byte[] ParseData(RecordType type, ZoneToken typeToken, int first)
    {
        if (first < _tokens.Count && !_tokens[first].IsQuoted && Text(_tokens[first]).SequenceEqual(@"\#"u8))
        {
            return ParseGenericData(type, typeToken, first);
        }

        _data.ResetWrittenCount();
        switch (type)
        {
            case RecordType.A:
                ExpectFields(typeToken, first, "an IPv4 address");
                return ParseIPv4(_tokens[first]);
            case RecordType.AAAA:
                ExpectFields(typeToken, first, "an IPv6 address");
                return ParseIPv6(_tokens[first]);
            case RecordType.NS or RecordType.CNAME or RecordType.PTR:
                ExpectFields(typeToken, first, "a domain name");
                return ParseName(_tokens[first]);
            case RecordType.MX:
                ExpectFields(typeToken, first, "preference", "exchange");
                AppendUInt16(_tokens[first], "MX preference");
                AppendName(_tokens[first + 1]);
                break;
            case RecordType.SRV:
                ExpectFields(typeToken, first, "priority", "weight", "port", "target");
                AppendUInt16(_tokens[first], "SRV priority");
                AppendUInt16(_tokens[first + 1], "SRV weight");
                AppendUInt16(_tokens[first + 2], "SRV port");
                AppendName(_tokens[first + 3]);
                break;
            case RecordType.SOA:
                ParseSoa(typeToken, first);
                break;
            case RecordType.TXT:
                ParseTxt(typeToken, first);
                break;
            case RecordType.CAA:
                ParseCaa(typeToken, first);
                break;
            default:
                throw Error(typeToken, $"{Encoding.ASCII.GetString(Text(typeToken))} data must be written in the generic form: \\# length hex (RFC 3597)");
        }

        return _data.WrittenCount <= ushort.MaxValue
            ? _data.WrittenSpan.ToArray()
            : throw Error(typeToken, $"the data is {_data.WrittenCount} octets long; a record holds at most {ushort.MaxValue}");
    }

    private void ParseSoa(ZoneToken typeToken, int first)
    {
        ExpectFields(typeToken, first, "primary server", "responsible mailbox", "serial", "refresh", "retry", "expire", "minimum");
        AppendName(_tokens[first]);
        AppendName(_tokens[first + 1]);
        AppendUInt32((uint)ParseNumber(_tokens[first + 2], uint.MaxValue, "the SOA serial"));
        for (int i = first + 3; i < first + 7; i++)
        {
            AppendUInt32(ParseTtl(_tokens[i]));
        }
    }

    private void ParseTxt(ZoneToken typeToken, int first)
    {
        if (first >= _tokens.Count)
        {
            throw Error(typeToken, "TXT needs at least one character string");
        }

        for (int i = first; i < _tokens.Count; i++)
        {
            byte[] text = DecodeText(_tokens[i]);
            if (text.Length > MaxCharacterString)
            {
                throw Error(_tokens[i], $"character string is {text.Length} octets long; the limit is {MaxCharacterString} (split it into several strings)");
            }

            _data.Write([(byte)text.Length]);
            _data.Write(text);
        }
    }

    /// <summary>RFC 8659 §4.1.1: flags, a tag of ASCII letters and digits, and a value.</summary>
    private void ParseCaa(ZoneToken typeToken, int first)
    {
        ExpectFields(typeToken, first, "flags", "tag", "value");
        byte flags = (byte)ParseNumber(_tokens[first], byte.MaxValue, "CAA flags");
        ZoneToken tagToken = _tokens[first + 1];
        byte[] tag = DecodeText(tagToken);
        if (tagToken.IsQuoted || tag.Length is 0 or > MaxCharacterString || Array.Exists(tag, octet => !char.IsAsciiLetterOrDigit((char)octet)))
        {
            throw Error(tagToken, "a CAA tag is one or more ASCII letters and digits, such as issue, issuewild or iodef");
        }

        _data.Write([flags, (byte)tag.Length]);
        _data.Write(tag);
        _data.Write(DecodeText(_tokens[first + 2]));
    }

    /// <summary>Parses <c>\# length hex…</c>, whose hex may be split by blanks (RFC 3597 §5).</summary>
    private byte[] ParseGenericData(RecordType type, ZoneToken typeToken, int first)
    {
        if (first + 1 >= _tokens.Count)
        {
            throw Error(_tokens[first], @"\# needs the data length in octets, then the data in hex");
        }

        int length = (int)ParseNumber(_tokens[first + 1], ushort.MaxValue, @"the \# data length");
        StringBuilder hex = new(length * 2);
        for (int i = first + 2; i < _tokens.Count; i++)
        {
            ReadOnlySpan<byte> text = Text(_tokens[i]);
            if (_tokens[i].IsQuoted || text.IndexOfAnyExcept(s_hexDigits) >= 0)
            {
                throw Error(_tokens[i], $"'{Encoding.UTF8.GetString(text)}' is not hexadecimal data");
            }

            hex.Append(Encoding.ASCII.GetString(text));
        }

        if (hex.Length != length * 2)
        {
            throw Error(_tokens[first + 1], $@"\# says {length} octets but {hex.Length / 2.0:0.#} follow");
        }

        byte[] data = Convert.FromHexString(hex.ToString());
        return RecordData.IsValid(type, data)
            ? data
            : throw Error(_tokens[first], $"this is not valid {Encoding.ASCII.GetString(Text(typeToken))} data");
    }

    private void ExpectFields(ZoneToken typeToken, int first, params string[] fields)
    {
        int given = _tokens.Count - first;
        string type = Encoding.ASCII.GetString(Text(typeToken)).ToUpperInvariant();
        if (given < fields.Length)
        {
            ZoneToken last = given > 0 ? _tokens[^1] : typeToken;
            throw Error(last, $"{type} needs {fields.Length} field{(fields.Length == 1 ? "" : "s")} ({string.Join(", ", fields)}); {given} given");
        }

        if (given > fields.Length)
        {
            ZoneToken extra = _tokens[first + fields.Length];
            throw Error(extra, $"unexpected '{Encoding.UTF8.GetString(Text(extra))}' after the {type} data");
        }
    }

    private void AppendName(ZoneToken token) => _data.Write(ParseName(token));

    private void AppendUInt16(ZoneToken token, string what)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_data.GetSpan(2), (ushort)ParseNumber(token, ushort.MaxValue, what));
        _data.Advance(2);
    }

    private void AppendUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_data.GetSpan(4), value);
        _data.Advance(4);
    }
}
