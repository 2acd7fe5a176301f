using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>RDATA of every supported type, and the generic <c>\#</c> form, down to the octet.</summary>
public sealed partial class ZoneFileParserTests
{
    [TestCase("192.0.2.1", new byte[] { 192, 0, 2, 1 })]
    [TestCase("0.0.0.0", new byte[] { 0, 0, 0, 0 })]
    [TestCase("255.255.255.255", new byte[] { 255, 255, 255, 255 })]
    [TestCase("10.0.100.0", new byte[] { 10, 0, 100, 0 })]
    public void Parse_A_GivesTheFourOctets(string address, byte[] expected)
    {
        ZoneRecord record = ParseOne($"www A {address}");

        Assert.That(record.Type, Is.EqualTo(RecordType.A));
        Assert.That(record.Data, Is.EqualTo(expected));
    }

    [TestCase("2001:db8::1", "20010DB8000000000000000000000001")]
    [TestCase("2001:DB8:0:0:0:0:0:1", "20010DB8000000000000000000000001")]
    [TestCase("2001:0db8:0000:0000:0000:0000:0000:0001", "20010DB8000000000000000000000001")]
    [TestCase("::", "00000000000000000000000000000000")]
    [TestCase("::1", "00000000000000000000000000000001")]
    [TestCase("1:2:3:4:5:6:7::", "00010002000300040005000600070000")]
    [TestCase("::ffff:192.0.2.1", "00000000000000000000FFFFC0000201")]
    public void Parse_Aaaa_GivesTheSixteenOctets(string address, string expectedHex)
    {
        ZoneRecord record = ParseOne($"www AAAA {address}");

        Assert.That(record.Type, Is.EqualTo(RecordType.AAAA));
        Assert.That(Hex(record.Data), Is.EqualTo(expectedHex));
    }

    [TestCase("NS", "ns1", "ns1.example.com.")]
    [TestCase("NS", "ns.example.net.", "ns.example.net.")]
    [TestCase("CNAME", "@", "example.com.")]
    [TestCase("CNAME", "www", "www.example.com.")]
    [TestCase("CNAME", "nodot.example.com", "nodot.example.com.example.com.")]
    [TestCase("PTR", "host.example.com.", "host.example.com.")]
    [TestCase("PTR", ".", ".")]
    public void Parse_NameTypes_GiveTheNameInWireForm(string type, string name, string expected)
    {
        ZoneRecord record = ParseOne($"a {type} {name}");

        Assert.That(record.Type, Is.EqualTo(Enum.Parse<RecordType>(type)));
        Assert.That(record.Data, Is.EqualTo(WireName.Of(expected)));
    }

    [Test]
    public void Parse_Soa_GivesNamesThenFiveNumbersWithTimerUnits()
    {
        ZoneRecord record = ParseOne("@ SOA ns1 hostmaster.example.com. ( 2024010101 1h 15m 1w 1d )");

        Assert.That(record.Type, Is.EqualTo(RecordType.SOA));
        Assert.That(record.Data, Is.EqualTo(WireName.Concat(
            WireName.Of("ns1.example.com."),        // MNAME
            WireName.Of("hostmaster.example.com."), // RNAME
            [0x78, 0xA3, 0xF1, 0x75],               // SERIAL 2024010101
            [0x00, 0x00, 0x0E, 0x10],               // REFRESH 1h = 3600
            [0x00, 0x00, 0x03, 0x84],               // RETRY 15m = 900
            [0x00, 0x09, 0x3A, 0x80],               // EXPIRE 1w = 604800
            [0x00, 0x01, 0x51, 0x80])));            // MINIMUM 1d = 86400
    }

    [Test]
    public void Parse_SoaSerial_TakesTheFull32Bits()
    {
        ZoneRecord record = ParseOne("@ SOA ns1 hostmaster 4294967295 0 0 0 0");

        Assert.That(RecordData.ReadSoaTimers(record.Data).Serial, Is.EqualTo(uint.MaxValue));
    }

    [Test]
    public void Parse_Mx_GivesPreferenceThenExchange()
    {
        ZoneRecord record = ParseOne("@ MX 10 mail");

        Assert.That(record.Data, Is.EqualTo(WireName.Concat(
            [0x00, 0x0A],                      // PREFERENCE 10
            WireName.Of("mail.example.com.")))); // EXCHANGE
    }

    [Test]
    public void Parse_NullMx_GivesTheRootAsExchange()
    {
        ZoneRecord record = ParseOne("@ MX 0 .");

        Assert.That(record.Data, Is.EqualTo(new byte[]
        {
            0x00, 0x00, // PREFERENCE 0
            0x00,       // EXCHANGE: the root (RFC 7505)
        }));
    }

    [Test]
    public void Parse_Srv_GivesPriorityWeightPortTarget()
    {
        ZoneRecord record = ParseOne("_sip._tcp SRV 10 60 5060 sip.example.com.");

        Assert.That(record.Owner, Is.EqualTo(WireName.Of("_sip._tcp.example.com.")));
        Assert.That(record.Data, Is.EqualTo(WireName.Concat(
            [0x00, 0x0A],                     // PRIORITY 10
            [0x00, 0x3C],                     // WEIGHT 60
            [0x13, 0xC4],                     // PORT 5060
            WireName.Of("sip.example.com.")))); // TARGET
    }

    [TestCase("\"v=spf1 -all\"", "0B763D73706631202D616C6C")]
    [TestCase("\"a\" \"b\"", "01610162")]
    [TestCase("a b", "01610162")]
    [TestCase("\"a b\"", "03612062")]
    [TestCase("\"\"", "00")]
    [TestCase("\"AbC\"", "03416243")]
    [TestCase("@", "0140")]
    [TestCase("\"a\\\"b\\\\c\"", "056122625C63")]
    [TestCase("\"\\065\\066\\067\"", "03414243")]
    [TestCase("\"\\255\\000\"", "02FF00")]
    [TestCase("\"x;y\" x\\;y", "03783B7903783B79")]
    [TestCase("\"\\X\\(\"", "025828")]
    [TestCase("\"a\tb\"", "03610962")]
    [TestCase("abc\"def\"", "0361626303646566")]
    [TestCase("( \"a\"\n  \"b\" )", "01610162")]
    public void Parse_Txt_GivesOneCharacterStringPerWord(string strings, string expectedHex)
    {
        ZoneRecord record = ParseOne($"a TXT {strings}");

        Assert.That(Hex(record.Data), Is.EqualTo(expectedHex));
    }

    [Test]
    public void Parse_TxtOf255Octets_IsOneFullCharacterString()
    {
        ZoneRecord record = ParseOne($"a TXT \"{new string('x', 255)}\"");

        Assert.That(record.Data, Has.Length.EqualTo(256));
        Assert.That(record.Data[0], Is.EqualTo(255));
    }

    [TestCase("0 issue \"ca.example.net\"", "0005697373756563612E6578616D706C652E6E6574")]
    [TestCase("0 issuewild ca.example.net", "0009697373756577696C6463612E6578616D706C652E6E6574")]
    [TestCase("128 ISSUE \";\"", "800549535355453B")]
    [TestCase("0 issue \"\"", "00056973737565")]
    [TestCase("0 iodef \"mailto:a b@example.com\"", "0005696F6465666D61696C746F3A612062406578616D706C652E636F6D")]
    public void Parse_Caa_GivesFlagsTagLengthTagAndValue(string fields, string expectedHex)
    {
        ZoneRecord record = ParseOne($"@ CAA {fields}");

        Assert.That(record.Type, Is.EqualTo(RecordType.CAA));
        Assert.That(Hex(record.Data), Is.EqualTo(expectedHex));
    }

    [Test]
    public void Parse_EscapedLineBreakInsideQuotes_IsTheOctetTen()
    {
        ZoneFileParser parser = ParseWithTtl("a TXT \"x\\\ny\"\nb A 192.0.2.1");

        Assert.That(Hex(parser.Records[0].Data), Is.EqualTo("03780A79"), "BIND stores \"x\\<newline>y\" as x, 10, y");
        Assert.That(parser.Records[1].Position.Line, Is.EqualTo(4), "the escaped break still counts as a line");
    }

    [TestCase("a A \\# 4 C0000201", "A", "C0000201")]
    [TestCase("a A \\# 4 c0 00 02 01", "A", "C0000201")]
    [TestCase("a TYPE1 192.0.2.1", "A", "C0000201")]
    [TestCase("a type1 \\# 4 C0000201", "A", "C0000201")]
    [TestCase("a TYPE16 \"abc\"", "TXT", "03616263")]
    [TestCase("a TXT \\# 4 03616263", "TXT", "03616263")]
    [TestCase("a MX \\# 5 000A016100", "MX", "000A016100")]
    [TestCase("a AAAA \\# 16 20010db8 00000000 00000000 00000001", "AAAA", "20010DB8000000000000000000000001")]
    public void Parse_GenericFormOfAKnownType_GivesTheSameData(string line, string type, string expectedHex)
    {
        ZoneRecord record = ParseOne(line);

        Assert.That(record.Type, Is.EqualTo(Enum.Parse<RecordType>(type)));
        Assert.That(Hex(record.Data), Is.EqualTo(expectedHex));
    }

    [TestCase("a TYPE65280 \\# 3 ABCDEF", 65280, "ABCDEF")]
    [TestCase("a TYPE65280 \\# 3 abcdef", 65280, "ABCDEF")]
    [TestCase("a TYPE65280 \\# 2 a b c d", 65280, "ABCD")]
    [TestCase("a TYPE65280 \\# 0", 65280, "")]
    [TestCase("a TYPE65535 \\# 1 00", 65535, "00")]
    [TestCase("a TYPE65281 ( \\# 3 ; comment\n ab\n cdef )", 65281, "ABCDEF")]
    [TestCase("a IN 60 TYPE65534 \\# 1 01", 65534, "01")]
    public void Parse_GenericFormOfAnUnknownType_KeepsTheOctets(string line, int type, string expectedHex)
    {
        ZoneRecord record = ParseOne(line);

        Assert.That(record.Type, Is.EqualTo((RecordType)type));
        Assert.That(Hex(record.Data), Is.EqualTo(expectedHex));
    }

    [TestCase("www in a 192.0.2.1")]
    [TestCase("www IN A 192.0.2.1")]
    [TestCase("www class1 A 192.0.2.1")]
    [TestCase("www 60 class1 A 192.0.2.1")]
    public void Parse_ClassAndTypeKeywords_IgnoreCase(string line)
    {
        ZoneRecord record = ParseOne(line);

        Assert.That(record.Type, Is.EqualTo(RecordType.A));
        Assert.That(record.Data, Is.EqualTo(new byte[] { 192, 0, 2, 1 }));
    }

    // RFC 3597 §5: CLASSnnn is the class numbered nnn; BIND reads CLASS01 and CLASS001 as IN too.
    [TestCase("www CLASS01 A 192.0.2.1")]
    [TestCase("www class001 A 192.0.2.1")]
    public void Parse_GenericClassNumberOne_IsIn(string line)
    {
        ZoneRecord record = ParseOne(line);

        Assert.That(record.Type, Is.EqualTo(RecordType.A));
    }
}
