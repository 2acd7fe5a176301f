using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>TTL syntax and the defaulting rules of RFC 1035 §5.1, RFC 2308 §4 and BIND (BIND-NOTES 1-4).</summary>
public sealed partial class ZoneFileParserTests
{
    private const string Soa = "@ SOA ns1 hostmaster 1 7200 3600 1209600 600";

    [TestCase("0", 0u)]
    [TestCase("3600", 3600u)]
    [TestCase("010", 10u)]
    [TestCase("1s", 1u)]
    [TestCase("2m", 120u)]
    [TestCase("1h", 3600u)]
    [TestCase("1d", 86400u)]
    [TestCase("1w", 604800u)]
    [TestCase("1W2D3H4M5S", 788645u)]
    [TestCase("1h30m", 5400u)]
    [TestCase("30m1h", 5400u)]
    [TestCase("1h1h", 7200u)]
    [TestCase("2147483647", 2147483647u)]
    public void Parse_TtlField_IsSecondsOrUnits(string ttl, uint expected)
    {
        ZoneRecord record = ParseOne($"a {ttl} A 192.0.2.1");

        Assert.That(record.Ttl, Is.EqualTo(expected));
    }

    [TestCase("$TTL 1h", 3600u)]
    [TestCase("$ttl 2d", 172800u)]
    [TestCase("$TTL 0", 0u)]
    [TestCase("$TTL 90 ; comment", 90u)]
    public void Parse_TtlDirective_SetsTheDefault(string directive, uint expected)
    {
        ZoneRecord record = Parse($"{directive}\na A 192.0.2.1\n").Records[0];

        Assert.That(record.Ttl, Is.EqualTo(expected));
    }

    [TestCase("2147483648", "2147483648")]
    [TestCase("4294967295", "4294967295")]
    [TestCase("3551w", "2147644800")]
    public void Parse_TtlAboveTheMaximum_BecomesZeroWithAWarning(string ttl, string seconds)
    {
        ZoneFileParser parser = ParseWithTtl($"a {ttl} A 192.0.2.1");

        Assert.That(parser.Records[0].Ttl, Is.Zero);
        Assert.That(parser.Warnings, Is.EqualTo(new[] { $"{DisplayFile}:2:3: TTL {seconds} is above the maximum 2147483647 (RFC 2181 §8); using 0" }));
    }

    [Test]
    public void Parse_TtlDirectiveAboveTheMaximum_BecomesZero()
    {
        ZoneFileParser parser = Parse("$TTL 4294967295\na A 192.0.2.1\n");

        Assert.That(parser.Records[0].Ttl, Is.Zero);
        Assert.That(parser.Warnings, Has.Count.EqualTo(1));
    }

    [TestCase("a 60 IN A 192.0.2.1", 60u)]
    [TestCase("a IN 60 A 192.0.2.1", 60u)]
    [TestCase("a 60 A 192.0.2.1", 60u)]
    [TestCase("a IN A 192.0.2.1", 300u)]
    [TestCase("a A 192.0.2.1", 300u)]
    [TestCase("a 1h CLASS1 A 192.0.2.1", 3600u)]
    [TestCase(" 60 IN A 192.0.2.1", 60u)]
    public void Parse_TtlAndClass_MayComeInEitherOrderOrNotAtAll(string line, uint expected)
    {
        ZoneRecord record = LastRecord(line);

        Assert.That(record.Ttl, Is.EqualTo(expected));
    }

    [Test]
    public void Parse_NoTtlDirective_InheritsTheLastExplicitTtl()
    {
        ZoneFileParser parser = Parse($"@ 100 {Soa[2..]}\n NS ns1\nns1 200 A 192.0.2.1\nb A 192.0.2.2\n");

        Assert.That(parser.Records.Select(record => record.Ttl), Is.EqualTo(new[] { 100u, 100u, 200u, 200u }));
    }

    [Test]
    public void Parse_TtlDirective_WinsOverTheLastExplicitTtl()
    {
        IReadOnlyList<ZoneRecord> records = ParseWithTtl("a 60 A 192.0.2.1\nb A 192.0.2.2").Records;

        Assert.That(records.Select(record => record.Ttl), Is.EqualTo(new[] { 60u, 300u }));
    }

    [Test]
    public void Parse_SoaWithoutAnyTtl_UsesItsMinimumAsTheDefaultFromThenOn()
    {
        ZoneFileParser parser = Parse($"{Soa}\n NS ns1\na 60 A 192.0.2.1\nb A 192.0.2.2\n");

        Assert.That(parser.Records.Select(record => record.Ttl), Is.EqualTo(new[] { 600u, 600u, 60u, 600u }));
        Assert.That(parser.Warnings, Is.EqualTo(new[] { $"{DisplayFile}:1:3: no TTL specified; using the SOA MINIMUM field instead" }));
    }

    [Test]
    public void Parse_SoaAfterAnExplicitTtl_InheritsThatTtlNotItsMinimum()
    {
        ZoneFileParser parser = Parse($"@ 120 NS ns1\n{Soa}\n");

        Assert.That(parser.Records.Select(record => record.Ttl), Is.EqualTo(new[] { 120u, 120u }));
    }

    [Test]
    public void Parse_DifferentTtlsInOneRun_TakeTheFirstWithAWarning()
    {
        ZoneFileParser parser = ParseWithTtl("a 100 A 192.0.2.1\na TXT x\na 200 A 192.0.2.2");

        Assert.That(parser.Records.Select(record => record.Ttl), Is.EqualTo(new[] { 100u, 300u, 100u }));
        Assert.That(parser.Warnings, Is.EqualTo(new[] { $"{DisplayFile}:4:1: TTL 200 differs from the TTL of the A records just before; using 100 for all (RFC 2181 §5.2)" }));
    }

    [TestCase("a 100 A 192.0.2.1\nb A 192.0.2.9\na 200 A 192.0.2.2")]
    [TestCase("a 100 A 192.0.2.1\nA 200 A 192.0.2.2")]
    public void Parse_SameRRsetInALaterRun_KeepsItsOwnTtl(string lines)
    {
        ZoneFileParser parser = ParseWithTtl(lines);

        Assert.That(parser.Records[^1].Ttl, Is.EqualTo(200u));
        Assert.That(parser.Warnings, Is.Empty);
    }

    [Test]
    public void Parse_ForcedTtlInRfc1035Mode_BecomesTheLastTtl()
    {
        ZoneFileParser parser = Parse($"@ 100 {Soa[2..]}\n NS ns1\nb 100 A 192.0.2.1\nb 200 A 192.0.2.2\nc A 192.0.2.3\n");

        Assert.That(parser.Records[^1].Ttl, Is.EqualTo(100u));
    }

    /// <summary>Parses <paramref name="line"/>; one without an owner follows a TXT record that gives it one.</summary>
    private ZoneRecord LastRecord(string line) => ParseWithTtl(line.StartsWith(' ') ? "a TXT x\n" + line : line).Records[^1];
}
