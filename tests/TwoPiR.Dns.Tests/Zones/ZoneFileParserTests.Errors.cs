using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>Bad input: every error names the file, line and column of the offending token (STYLE §5).</summary>
public sealed partial class ZoneFileParserTests
{
    private static readonly string s_label64 = new('b', 64);
    private static readonly string s_name256 = $"{new string('a', 63)}.{new string('a', 63)}.{new string('a', 63)}.{new string('c', 50)}";

    // Each input follows "$TTL 300" on line 1.
    [TestCase("a A 192.0.2.01", 2, 5, "'192.0.2.01' is not an IPv4 address")]
    [TestCase("a A 192.0.2.256", 2, 5, "'192.0.2.256' is not an IPv4 address")]
    [TestCase("a A 192.0.2", 2, 5, "'192.0.2' is not an IPv4 address")]
    [TestCase("a A 1.2.3.4.5", 2, 5, "'1.2.3.4.5' is not an IPv4 address")]
    [TestCase("a A 0x1.2.3.4", 2, 5, "'0x1.2.3.4' is not an IPv4 address")]
    [TestCase("a A \"192.0.2.1\"", 2, 5, "'192.0.2.1' is not an IPv4 address")]
    [TestCase("a   A\t192.0.2.x", 2, 7, "'192.0.2.x' is not an IPv4 address")]
    [TestCase("a A ( ; comment\n   192.0.2.999 )", 3, 4, "'192.0.2.999' is not an IPv4 address")]
    [TestCase("a AAAA 2001:db8:::1", 2, 8, "'2001:db8:::1' is not an IPv6 address")]
    [TestCase("a AAAA 192.0.2.1", 2, 8, "'192.0.2.1' is not an IPv6 address")]
    [TestCase("a AAAA fe80::1%eth0", 2, 8, "'fe80::1%eth0' is not an IPv6 address")]
    [TestCase("a AAAA 1:2:3:4:5:6:7:8:9", 2, 8, "'1:2:3:4:5:6:7:8:9' is not an IPv6 address")]
    [TestCase("a A", 2, 3, "A needs 1 field (an IPv4 address); 0 given")]
    [TestCase("a A 192.0.2.1 192.0.2.2", 2, 15, "unexpected '192.0.2.2' after the A data")]
    [TestCase("a CNAME b c", 2, 11, "unexpected 'c' after the CNAME data")]
    [TestCase("a MX mail", 2, 6, "MX needs 2 fields (preference, exchange); 1 given")]
    [TestCase("a MX 65536 mail", 2, 6, "MX preference must be a number from 0 to 65535, not '65536'")]
    [TestCase("a MX -1 mail", 2, 6, "MX preference must be a number from 0 to 65535, not '-1'")]
    [TestCase("a SRV 1 2 65536 t", 2, 11, "SRV port must be a number from 0 to 65535, not '65536'")]
    [TestCase("a SRV 1 2 3", 2, 11, "SRV needs 4 fields (priority, weight, port, target); 3 given")]
    [TestCase("a CAA 256 issue x", 2, 7, "CAA flags must be a number from 0 to 255, not '256'")]
    [TestCase("a CAA 0 is-sue x", 2, 9, "a CAA tag is one or more ASCII letters and digits")]
    [TestCase("a CAA 0 \"\" x", 2, 9, "a CAA tag is one or more ASCII letters and digits")]
    [TestCase("a TXT", 2, 3, "TXT needs at least one character string")]
    [TestCase("a TXT \\", 2, 7, "'\\' at the end of a field escapes nothing")]
    [TestCase("@ SOA ns h 1h 2 3 4 5", 2, 12, "the SOA serial must be a number from 0 to 4294967295, not '1h'")]
    [TestCase("@ SOA ns h 4294967296 2 3 4 5", 2, 12, "the SOA serial must be a number from 0 to 4294967295")]
    [TestCase("@ SOA ns h 1 2 3 4", 2, 18, "SOA needs 7 fields")]
    [TestCase("@ SOA ns h 1 2 3 4 5x", 2, 20, "'5x' is not a TTL")]
    [TestCase("a NS \"ns1\"", 2, 6, "a domain name cannot be quoted")]
    [TestCase("a CNAME b..c", 2, 9, "empty label in 'b..c'")]
    [TestCase("a..b A 192.0.2.1", 2, 1, "empty label in 'a..b'")]
    [TestCase(".a A 192.0.2.1", 2, 1, "empty label in '.a'")]
    [TestCase("a\\256 A 192.0.2.1", 2, 1, "escape \\256 is above 255")]
    [TestCase("a\\06 A 192.0.2.1", 2, 1, "a numeric escape needs exactly three digits, as in \\065")]
    [TestCase("a\\6x A 192.0.2.1", 2, 1, "a numeric escape needs exactly three digits, as in \\065")]
    [TestCase("a TXT \"\\65\"", 2, 7, "a numeric escape needs exactly three digits, as in \\065")]
    [TestCase("a FOO x", 2, 3, "unknown record type 'FOO'")]
    [TestCase("a TYPE65536 \\# 0", 2, 3, "unknown record type 'TYPE65536'")]
    [TestCase("a TYPE0 \\# 0", 2, 3, "TYPE0 is a meta or reserved type and cannot appear in a zone")]
    [TestCase("a TYPE41 \\# 0", 2, 3, "TYPE41 is a meta or reserved type and cannot appear in a zone")]
    [TestCase("a TYPE128 \\# 0", 2, 3, "TYPE128 is a meta or reserved type and cannot appear in a zone")]
    [TestCase("a TYPE255 \\# 0", 2, 3, "TYPE255 is a meta or reserved type and cannot appear in a zone")]
    [TestCase("a TYPE65280 abc", 2, 3, "TYPE65280 data must be written in the generic form")]
    [TestCase("a TYPE65280 \\#0", 2, 3, "TYPE65280 data must be written in the generic form")]
    [TestCase("a CH A 192.0.2.1", 2, 3, "class CH is not served: zones here are class IN")]
    [TestCase("a 60 hs A 192.0.2.1", 2, 6, "class hs is not served: zones here are class IN")]
    [TestCase("a CLASS3 A 192.0.2.1", 2, 3, "class CLASS3 is not served: zones here are class IN")]
    [TestCase("a 1x A 192.0.2.1", 2, 3, "'1x' is not a TTL")]
    [TestCase("a 1h30 A 192.0.2.1", 2, 3, "'1h30' is not a TTL")]
    [TestCase("a 4294967296 A 192.0.2.1", 2, 3, "'4294967296' is not a TTL")]
    [TestCase("a 60 60 A 192.0.2.1", 2, 6, "unknown record type '60'")]
    [TestCase("a IN IN A 192.0.2.1", 2, 6, "unknown record type 'IN'")]
    [TestCase("a", 2, 1, "expected a record type after this")]
    [TestCase("a 60 IN", 2, 6, "expected a record type after this")]
    [TestCase(" A 192.0.2.1", 2, 2, "this entry has no owner name, and there is no previous one to repeat")]
    [TestCase("a A \\# 3 c00002", 2, 5, "this is not valid A data")]
    [TestCase("a TXT \\# 0", 2, 7, "this is not valid TXT data")]
    [TestCase("a MX \\# 4 0001C00C", 2, 6, "this is not valid MX data")]
    [TestCase("a CAA \\# 3 000100", 2, 7, "this is not valid CAA data")]
    [TestCase("a TYPE65280 \\# 2 abcdef", 2, 16, "\\# says 2 octets but 3 follow")]
    [TestCase("a TYPE65280 \\# 3 abcd", 2, 16, "\\# says 3 octets but 2 follow")]
    [TestCase("a TYPE65280 \\# 1 abc", 2, 16, "\\# says 1 octets but 1.5 follow")]
    [TestCase("a TYPE65280 \\# 1 zz", 2, 18, "'zz' is not hexadecimal data")]
    [TestCase("a TYPE65280 \\# 1 \"ab\"", 2, 18, "'ab' is not hexadecimal data")]
    [TestCase("a TYPE65280 \\#", 2, 13, "\\# needs the data length in octets, then the data in hex")]
    [TestCase("a TYPE65280 \\# x", 2, 16, "the \\# data length must be a number from 0 to 65535, not 'x'")]
    [TestCase("$FOO bar", 2, 1, "unknown directive '$FOO'")]
    [TestCase("$ORIGIN", 2, 1, "$ORIGIN needs 1 argument")]
    [TestCase("$ORIGIN a b", 2, 11, "unexpected 'b' after $ORIGIN")]
    [TestCase("$TTL", 2, 1, "$TTL needs 1 argument")]
    [TestCase("$TTL 1h extra", 2, 9, "unexpected 'extra' after $TTL")]
    [TestCase("$TTL forever", 2, 6, "'forever' is not a TTL")]
    [TestCase("$INCLUDE", 2, 1, "$INCLUDE needs 1 argument")]
    [TestCase("a ( A\n 192.0.2.1", 2, 3, "'(' is never closed")]
    [TestCase("a A 192.0.2.1 )", 2, 15, "')' without a matching '('")]
    [TestCase("a TXT \"abc", 2, 7, "quoted string is not closed on its line")]
    public void Parse_BadInput_ThrowsAtTheOffendingToken(string lines, int line, int column, string problem)
    {
        ZoneFileException ex = ParseError($"$TTL 300\n{lines}\n");

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((DisplayFile, line, column)));
        Assert.That(ex.Problem, Does.StartWith(problem));
        Assert.That(ex.Message, Is.EqualTo($"{DisplayFile}:{line}:{column}: {ex.Problem}"));
    }

    [Test]
    public void Parse_LabelOf64Octets_ThrowsAtTheName()
    {
        ZoneFileException ex = ParseError($"$TTL 300\na.{s_label64} A 192.0.2.1\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 1)));
        Assert.That(ex.Problem, Does.StartWith("label longer than 63 octets"));
    }

    [TestCase("{0} A 192.0.2.1", 1)]
    [TestCase("a MX 10 {0}", 9)]
    [TestCase("a CNAME {0}", 9)]
    public void Parse_NameOver255Octets_ThrowsAtTheName(string format, int column)
    {
        ZoneFileException ex = ParseError($"$TTL 300\n{string.Format(System.Globalization.CultureInfo.InvariantCulture, format, s_name256)}\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, column)));
        Assert.That(ex.Problem, Does.StartWith("name longer than 255 octets"));
    }

    [Test]
    public void Parse_CharacterStringOf256Octets_ThrowsAtTheString()
    {
        ZoneFileException ex = ParseError($"$TTL 300\na TXT (\n  \"x\"\n  \"{new string('y', 256)}\" )\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((4, 3)));
        Assert.That(ex.Problem, Is.EqualTo("character string is 256 octets long; the limit is 255 (split it into several strings)"));
    }

    [Test]
    public void Parse_NoTtlAnywhere_ThrowsAtTheFirstRecordsType()
    {
        ZoneFileException ex = ParseError("a A 192.0.2.1\n");

        Assert.That(ex.Message, Is.EqualTo($"{DisplayFile}:1:3: no TTL for this record: give it one, or put a $TTL line before it"));
    }

    // BIND-NOTES 23 holds inside IPv6 too: BIND says "bad IPv6 address" to a leading zero in the dotted quad.
    [TestCase("a AAAA ::ffff:192.0.2.01")]
    [TestCase("a AAAA ::ffff:192.00.2.1")]
    public void Parse_AaaaWithLeadingZeroInItsDottedQuad_Throws(string line)
    {
        ZoneFileException ex = ParseError($"$TTL 300\n{line}\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 8)));
        Assert.That(ex.Problem, Does.EndWith("is not an IPv6 address"));
    }

    // BIND: "syntax error / unbalanced quotes"; a type is never a quoted string.
    [TestCase("a \"A\" 192.0.2.1", 3)]
    [TestCase("a 60 \"TXT\" x", 6)]
    public void Parse_QuotedType_Throws(string line, int column)
    {
        ZoneFileException ex = ParseError($"$TTL 300\n{line}\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, column)));
    }

    // BIND: "unexpected token"; RFC 8659 §4.1.1 writes the tag as a bare word.
    [Test]
    public void Parse_QuotedCaaTag_Throws()
    {
        ZoneFileException ex = ParseError("$TTL 300\n@ CAA 0 \"issue\" \"ca.example.net\"\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 9)));
    }
}
