using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>$INCLUDE: scoping (BIND-NOTES 13-14), the zones-folder fence, and include loops.</summary>
public sealed partial class ZoneFileParserTests
{
    [Test]
    public void Parse_IncludeWithoutOrigin_SharesOwnerAndOriginAndLeaksTtl()
    {
        _zones.Write("part.inc", " TXT \"first\"\ninc1 A 192.0.2.33\n$ORIGIN sub.example.com.\ninc2 A 192.0.2.34\n$TTL 120\ninc3 A 192.0.2.35\n");

        ZoneFileParser parser = Parse("$TTL 3600\nhost A 192.0.2.30\n$INCLUDE part.inc\n AAAA 2001:db8::31\nafter A 192.0.2.32\n");

        Assert.That(parser.Records.Select(record => $"{DnsName.ToText(record.Owner)} {record.Ttl} {record.Type}"), Is.EqualTo(new[]
        {
            "host.example.com. 3600 A",
            "host.example.com. 3600 TXT",     // blank owner on the include's first line: the includer's owner
            "inc1.example.com. 3600 A",       // the includer's origin
            "inc2.sub.example.com. 3600 A",
            "inc3.sub.example.com. 120 A",
            "host.example.com. 120 AAAA",     // the owner from before $INCLUDE, and the $TTL set inside it
            "after.example.com. 120 A",       // the includer's origin again
        }));
    }

    [Test]
    public void Parse_IncludeWithOrigin_ReadsTheFileUnderThatOrigin()
    {
        _zones.Write("part.inc", "@ TXT x\nmail MX 10 www\n");

        ZoneFileParser parser = Parse("$TTL 300\n$INCLUDE part.inc sub ; relative\n$INCLUDE \"part.inc\" other.example.com.\nafter A 192.0.2.40\n");

        Assert.That(parser.Records.Select(record => DnsName.ToText(record.Owner)), Is.EqualTo(new[]
        {
            "sub.example.com.", "mail.sub.example.com.", "other.example.com.", "mail.other.example.com.", "after.example.com.",
        }));
        Assert.That(parser.Records[1].Data, Is.EqualTo(WireName.Concat([0x00, 0x0A], WireName.Of("www.sub.example.com."))));
    }

    [TestCase("parts/a.inc")]
    [TestCase("parts/../parts/a.inc")]
    [TestCase("./parts/a.inc")]
    [TestCase("\"parts/a.inc\"")]
    public void Parse_IncludeInsideTheZonesFolder_IsRead(string include)
    {
        _zones.Write("parts/a.inc", "a A 192.0.2.1\n");

        ZoneFileParser parser = Parse($"$TTL 300\n$INCLUDE {include}\n");

        Assert.That(parser.Records, Has.Count.EqualTo(1));
        Assert.That(parser.Files.Select(file => file.Path), Is.EqualTo(new[]
        {
            Path.Combine(_zones.Path, ZoneFileName),
            Path.Combine(_zones.Path, "parts", "a.inc"),
        }));
        Assert.That(parser.Files[1], Is.EqualTo(FileStamp.Of(Path.Combine(_zones.Path, "parts", "a.inc"))));
    }

    [Test]
    public void Parse_ErrorInAnIncludedFile_NamesThatFile()
    {
        _zones.Write("bad.inc", "; the second line is wrong\nx A 192.0.2.999\n");

        ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE bad.inc\n");

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo(("zones/bad.inc", 2, 5)));
        Assert.That(ex.Message, Does.StartWith("zones/bad.inc:2:5: "));
    }

    [Test]
    public void Parse_MissingInclude_ThrowsAtTheFileNameAndRemembersTheFile()
    {
        _zones.Write(ZoneFileName, "$TTL 300\n$INCLUDE missing.inc\n");
        ZoneFileParser parser = new(_zones.Path, "zones", s_origin);

        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => parser.Parse(ZoneFileName))!;

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((DisplayFile, 2, 10)));
        Assert.That(ex.Problem, Does.StartWith("cannot read included file zones/missing.inc: "));
        Assert.That(parser.Files[^1], Is.EqualTo(FileStamp.Unreadable(Path.Combine(_zones.Path, "missing.inc"))));
    }

    [Test]
    public void Parse_IncludeOfAFolder_ThrowsAtTheFileName()
    {
        Directory.CreateDirectory(Path.Combine(_zones.Path, "parts"));

        ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE parts\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 10)));
        Assert.That(ex.Problem, Does.StartWith("cannot read included file zones/parts: "));
    }

    [TestCase("../secret.inc")]
    [TestCase("parts/../../secret.inc")]
    [TestCase("{root}/secret.inc")]
    [TestCase("\"{root}/secret.inc\"")]
    public void Parse_IncludeOutsideTheZonesFolder_IsRefused(string include)
    {
        using TempDirectory root = new();
        root.Write("secret.inc", "leak A 192.0.2.66\n");
        string requested = include.Replace("{root}", root.Path, StringComparison.Ordinal);

        ZoneFileException ex = ParseFenced(root, $"$TTL 300\n$INCLUDE {requested}\n");

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((DisplayFile, 2, 10)));
        Assert.That(ex.Problem, Is.EqualTo($"$INCLUDE '{requested.Trim('"')}' is outside the zones folder zones"));
    }

    [Test]
    public void Parse_IncludeOfASymbolicLinkLeadingOut_IsRefused()
    {
        using TempDirectory root = new();
        string secret = root.Write("secret.inc", "leak A 192.0.2.66\n");
        Directory.CreateDirectory(Path.Combine(root.Path, "zones"));
        File.CreateSymbolicLink(Path.Combine(root.Path, "zones", "link.inc"), secret);

        ZoneFileException ex = ParseFenced(root, "$TTL 300\n$INCLUDE link.inc\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 10)));
        Assert.That(ex.Problem, Is.EqualTo("$INCLUDE 'link.inc' is outside the zones folder zones"));
    }

    [Test]
    public void Parse_IncludeOfALinkToALinkLeadingOut_IsRefused()
    {
        using TempDirectory root = new();
        string secret = root.Write("secret.inc", "leak A 192.0.2.66\n");
        Directory.CreateDirectory(Path.Combine(root.Path, "zones"));
        File.CreateSymbolicLink(Path.Combine(root.Path, "zones", "second.inc"), secret);
        File.CreateSymbolicLink(Path.Combine(root.Path, "zones", "first.inc"), "second.inc");

        ZoneFileException ex = ParseFenced(root, "$TTL 300\n$INCLUDE first.inc\n");

        Assert.That(ex.Problem, Is.EqualTo("$INCLUDE 'first.inc' is outside the zones folder zones"));
    }

    [Test]
    public void Parse_IncludeThroughASymbolicLinkToAFolderOutside_IsRefused()
    {
        using TempDirectory root = new();
        root.Write("outside/secret.inc", "leak A 192.0.2.66\n");
        Directory.CreateDirectory(Path.Combine(root.Path, "zones"));
        Directory.CreateSymbolicLink(Path.Combine(root.Path, "zones", "linkdir"), Path.Combine(root.Path, "outside"));

        ZoneFileException ex = ParseFenced(root, "$TTL 300\n$INCLUDE linkdir/secret.inc\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 10)));
        Assert.That(ex.Problem, Is.EqualTo("$INCLUDE 'linkdir/secret.inc' is outside the zones folder zones"));
    }

    [Test]
    public void Parse_IncludeOfASymbolicLinkInsideTheFolder_IsRead()
    {
        string real = _zones.Write("real.inc", "a A 192.0.2.1\n");
        File.CreateSymbolicLink(Path.Combine(_zones.Path, "alias.inc"), real);

        ZoneFileParser parser = Parse("$TTL 300\n$INCLUDE alias.inc\n");

        Assert.That(parser.Records, Has.Count.EqualTo(1));
    }

    // The fence must compare real paths: a zones folder configured through a link (/etc/twopir/zones -> /srv/zones)
    // may hold an absolute link to a file that is really inside it.
    [Test]
    public void Parse_ZonesFolderReachedThroughALink_ReadsAnAbsoluteLinkToAFileInsideIt()
    {
        using TempDirectory root = new();
        string real = root.Write("real/hosts.inc", "www A 192.0.2.80\n");
        File.CreateSymbolicLink(Path.Combine(root.Path, "real", "alias.inc"), real);
        root.Write("real/" + ZoneFileName, "$TTL 300\n$INCLUDE alias.inc\n");
        string zones = Path.Combine(root.Path, "zones");
        Directory.CreateSymbolicLink(zones, Path.Combine(root.Path, "real"));
        ZoneFileParser parser = new(zones, "zones", s_origin);

        parser.Parse(ZoneFileName);

        Assert.That(parser.Records, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_FileIncludingItself_IsStopped()
    {
        _zones.Write("loop.inc", "; includes itself\n$INCLUDE loop.inc\n");

        ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE loop.inc\n");

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo(("zones/loop.inc", 2, 10)));
        Assert.That(ex.Problem, Is.EqualTo($"$INCLUDE nested more than {ZoneFileParser.MaxIncludeDepth} deep; is a file including itself?"));
    }

    [Test]
    public void Parse_FilesIncludingEachOther_AreStopped()
    {
        _zones.Write("a.inc", "$INCLUDE b.inc\n");
        _zones.Write("b.inc", "$INCLUDE a.inc\n");

        ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE a.inc\n");

        Assert.That(ex.Problem, Does.StartWith("$INCLUDE nested more than"));
        Assert.That(ex.File, Is.AnyOf("zones/a.inc", "zones/b.inc"));
    }

    [TestCase(ZoneFileParser.MaxIncludeDepth, false)]
    [TestCase(ZoneFileParser.MaxIncludeDepth + 1, true)]
    public void Parse_IncludeChain_IsStoppedOnlyBeyondTheMaximumDepth(int depth, bool stopped)
    {
        for (int level = 1; level < depth; level++)
        {
            _zones.Write($"level{level}.inc", $"level{level} TXT x\n$INCLUDE level{level + 1}.inc\n");
        }

        _zones.Write($"level{depth}.inc", "bottom TXT x\n");

        if (stopped)
        {
            ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE level1.inc\n");
            Assert.That((ex.File, ex.Line), Is.EqualTo(($"zones/level{depth - 1}.inc", 2)));
        }
        else
        {
            Assert.That(Parse("$TTL 300\n$INCLUDE level1.inc\n").Records, Has.Count.EqualTo(depth));
        }
    }

    // BIND: "extra input text". RFC 1035 §5.1's <comment> after the origin is a ';' comment, not a word.
    [Test]
    public void Parse_IncludeWithAWordAfterTheOrigin_Throws()
    {
        _zones.Write("part.inc", "a A 192.0.2.1\n");

        ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE part.inc sub extra\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 23)));
    }

    // A NUL cannot be in a path; Path.GetFullPath throws ArgumentException, which must not escape the parser.
    [Test]
    public void Parse_IncludeNameWithANul_ThrowsZoneFileException()
    {
        ZoneFileException ex = ParseError("$TTL 300\n$INCLUDE \"a\\000b.inc\"\n");

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((DisplayFile, 2, 10)));
    }

    /// <summary>Parses <paramref name="text"/> from <c>root/zones</c>, beside files that must stay out of reach.</summary>
    private static ZoneFileException ParseFenced(TempDirectory root, string text)
    {
        root.Write("zones/" + ZoneFileName, text);
        ZoneFileParser parser = new(Path.Combine(root.Path, "zones"), "zones", s_origin);
        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => parser.Parse(ZoneFileName))!;
        Assert.That(parser.Records, Is.Empty);
        return ex;
    }
}
