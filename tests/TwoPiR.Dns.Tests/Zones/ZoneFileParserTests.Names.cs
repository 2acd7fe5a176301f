using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>Owners, $ORIGIN, @, relative and absolute names, blank owners, escapes and wildcards.</summary>
public sealed partial class ZoneFileParserTests
{
    [TestCase("www", "www.example.com.")]
    [TestCase("www.example.com.", "www.example.com.")]
    [TestCase("@", "example.com.")]
    [TestCase("example.com.", "example.com.")]
    [TestCase("nodot.example.com", "nodot.example.com.example.com.")]
    [TestCase("a.b.c", "a.b.c.example.com.")]
    [TestCase("*", "*.example.com.")]
    [TestCase("*.w", "*.w.example.com.")]
    [TestCase("\\*.w", "*.w.example.com.")]
    [TestCase("a.*.b", "a.*.b.example.com.")]
    [TestCase("e*", "e*.example.com.")]
    public void Parse_Owner_IsMadeAbsolute(string owner, string expected)
    {
        ZoneRecord record = ParseOne($"{owner} A 192.0.2.1");

        Assert.That(record.Owner, Is.EqualTo(WireName.Of(expected)));
    }

    [Test]
    public void Parse_QuotedOwner_IsAName()
    {
        // BIND takes a quoted owner, though not a quoted name in data.
        ZoneRecord record = ParseOne("\"www\" A 192.0.2.1");

        Assert.That(record.Owner, Is.EqualTo(WireName.Of("www.example.com.")));
    }

    // The first word of a line that does not start with a blank is always the owner (BIND-NOTES 17).
    [TestCase("A")]
    [TestCase("IN")]
    [TestCase("txt")]
    [TestCase("3600")]
    [TestCase("1h")]
    [TestCase("CLASS1")]
    [TestCase("TYPE65280")]
    [TestCase("192.0.2.7")]
    public void Parse_KeywordOrNumberAtLineStart_IsTheOwner(string owner)
    {
        ZoneRecord record = ParseOne($"{owner} A 192.0.2.1");

        Assert.That(record.Owner, Is.EqualTo(WireName.Of($"{owner}.example.com.")));
    }

    [Test]
    public void Parse_OwnerCase_IsKept()
    {
        ZoneRecord record = ParseOne("WwW.Example.COM. A 192.0.2.1");

        Assert.That(record.Owner, Is.EqualTo(WireName.Of("WwW.Example.COM.")));
    }

    [TestCase("a\\.b", new byte[] { 3, (byte)'a', (byte)'.', (byte)'b' })]
    [TestCase("\\065bc", new byte[] { 3, (byte)'A', (byte)'b', (byte)'c' })]
    [TestCase("a\\ b", new byte[] { 3, (byte)'a', (byte)' ', (byte)'b' })]
    [TestCase("\\@", new byte[] { 1, (byte)'@' })]
    [TestCase("\\$x", new byte[] { 2, (byte)'$', (byte)'x' })]
    [TestCase("\\(\\;\\)", new byte[] { 3, (byte)'(', (byte)';', (byte)')' })]
    [TestCase("\\000\\255", new byte[] { 2, 0, 255 })]
    [TestCase("\\\\", new byte[] { 1, (byte)'\\' })]
    public void Parse_EscapedOwner_DecodesEachEscapeToOneOctet(string owner, byte[] expectedLabel)
    {
        ZoneRecord record = ParseOne($"{owner} A 192.0.2.1");

        Assert.That(record.Owner, Is.EqualTo(WireName.Concat(expectedLabel, s_origin)));
    }

    [Test]
    public void Parse_LongestNames_AreAccepted()
    {
        // 63-octet label; and a name of exactly 255 octets: 3 × (1 + 63) + (1 + 49) + example.com. (13).
        string label63 = new('a', 63);
        string longest = $"{label63}.{label63}.{label63}.{new string('b', 49)}";

        IReadOnlyList<ZoneRecord> records = ParseWithTtl($"{label63} A 192.0.2.1\n{longest} A 192.0.2.2").Records;

        Assert.That(records[0].Owner, Has.Length.EqualTo(1 + 63 + 13));
        Assert.That(records[1].Owner, Has.Length.EqualTo(DnsName.MaxLength));
    }

    [Test]
    public void Parse_BlankOwner_RepeatsThePreviousOwnerAcrossCommentsAndEmptyLines()
    {
        IReadOnlyList<ZoneRecord> records = ParseWithTtl("www A 192.0.2.1\n AAAA ::1\n\n; comment\n   \n\tTXT x").Records;

        Assert.That(records.Select(record => DnsName.ToText(record.Owner)), Is.EqualTo(Enumerable.Repeat("www.example.com.", 3)));
    }

    [Test]
    public void Parse_BlankOwnerAfterOrigin_KeepsThePreviousAbsoluteOwner()
    {
        IReadOnlyList<ZoneRecord> records = ParseWithTtl("host A 192.0.2.1\n$ORIGIN sub.example.com.\n AAAA ::1\nx A 192.0.2.2").Records;

        Assert.That(records.Select(record => DnsName.ToText(record.Owner)), Is.EqualTo(new[] { "host.example.com.", "host.example.com.", "x.sub.example.com." }));
    }

    [TestCase("$ORIGIN sub.example.com.\nwww A 192.0.2.1", "www.sub.example.com.")]
    [TestCase("$ORIGIN sub\nwww A 192.0.2.1", "www.sub.example.com.")]
    [TestCase("$ORIGIN sub\n$ORIGIN deeper\nwww A 192.0.2.1", "www.deeper.sub.example.com.")]
    [TestCase("$ORIGIN sub\n$ORIGIN @\n@ A 192.0.2.1", "sub.example.com.")]
    [TestCase("$origin sub\nwww A 192.0.2.1", "www.sub.example.com.")]
    [TestCase("$ORIGIN sub.example.com. ; comment\nwww A 192.0.2.1", "www.sub.example.com.")]
    public void Parse_Origin_AppliesToLaterRelativeNames(string lines, string expected)
    {
        ZoneRecord record = ParseOne(lines);

        Assert.That(record.Owner, Is.EqualTo(WireName.Of(expected)));
    }

    [Test]
    public void Parse_Origin_AppliesToNamesInRdataToo()
    {
        ZoneRecord record = ParseOne("$ORIGIN sub.example.com.\n@ MX 10 mail");

        Assert.That(record.Data, Is.EqualTo(WireName.Concat([0x00, 0x0A], WireName.Of("mail.sub.example.com."))));
    }

    [TestCase("other.example.net. A 192.0.2.1", "other.example.net.", 2)]
    [TestCase(". A 192.0.2.1", ".", 2)]
    [TestCase("$ORIGIN example.net.\nwww A 192.0.2.1", "www.example.net.", 3)]
    [TestCase("com. A 192.0.2.1", "com.", 2)]
    public void Parse_OutOfZoneOwner_IsDroppedWithAWarning(string lines, string owner, int line)
    {
        ZoneFileParser parser = ParseWithTtl(lines);

        Assert.That(parser.Records, Is.Empty);
        Assert.That(parser.Warnings, Is.EqualTo(new[] { $"{DisplayFile}:{line}:1: ignoring out-of-zone data ({owner})" }));
    }

    [Test]
    public void Parse_OwnerInOtherCase_IsInTheZone()
    {
        ZoneFileParser parser = ParseWithTtl("WWW.EXAMPLE.COM. A 192.0.2.1");

        Assert.That(parser.Records, Has.Count.EqualTo(1));
        Assert.That(parser.Warnings, Is.Empty);
    }
}
