using System.Text;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

public sealed class ZoneFileLexerTests
{
    private const string File = "zones/example.com.zone";

    [Test]
    public void TryReadEntry_OneLine_SplitsItIntoWords()
    {
        List<string[]> entries = Entries("www IN A 192.0.2.1\n");

        Assert.That(entries, Is.EqualTo(new[] { new[] { "www", "IN", "A", "192.0.2.1" } }));
    }

    [TestCase("www A 192.0.2.1", false)]
    [TestCase(" A 192.0.2.1", true)]
    [TestCase("\tA 192.0.2.1", true)]
    [TestCase("  \t  A 192.0.2.1", true)]
    public void TryReadEntry_LeadingBlank_MeansTheOwnerIsOmitted(string line, bool expected)
    {
        ZoneFileLexer lexer = Lexer(line + "\n");
        List<ZoneToken> tokens = [];

        lexer.TryReadEntry(tokens, out bool ownerOmitted);

        Assert.That(ownerOmitted, Is.EqualTo(expected));
    }

    [Test]
    public void TryReadEntry_EmptyBlankAndCommentLines_AreSkipped()
    {
        ZoneFileLexer lexer = Lexer("\n; a comment\n   \n\t; an indented comment\n\t \nwww A 192.0.2.1\n");
        List<ZoneToken> tokens = [];

        bool read = lexer.TryReadEntry(tokens, out bool ownerOmitted);

        Assert.That(read, Is.True);
        Assert.That(ownerOmitted, Is.False);
        Assert.That(tokens[0].Position, Is.EqualTo(new SourcePosition(File, 6, 1)));
        Assert.That(lexer.TryReadEntry(tokens, out _), Is.False);
    }

    [TestCase("a TXT x;comment", new[] { "a", "TXT", "x" })]
    [TestCase("a TXT x ; comment with \"quote and ( paren", new[] { "a", "TXT", "x" })]
    [TestCase("a TXT \"x;y\"", new[] { "a", "TXT", "x;y" })]
    [TestCase(@"a TXT x\;y", new[] { "a", "TXT", @"x\;y" })]
    public void TryReadEntry_Semicolon_StartsACommentOutsideQuotesAndEscapes(string line, string[] expected)
    {
        Assert.That(Entries(line + "\n"), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void TryReadEntry_Parentheses_ContinueTheEntryAcrossLines()
    {
        const string Text = """
            @ SOA ns1 hostmaster (
                    1 ; serial

                    ; a comment-only line
                    2 3
                    4 5 )
            next A 192.0.2.1

            """;

        List<string[]> entries = Entries(Text);

        Assert.That(entries, Is.EqualTo(new[]
        {
            new[] { "@", "SOA", "ns1", "hostmaster", "1", "2", "3", "4", "5" },
            new[] { "next", "A", "192.0.2.1" },
        }));
    }

    [TestCase("a TXT ((x)y)", new[] { "a", "TXT", "x", "y" })]
    [TestCase("a TXT (x)(y)", new[] { "a", "TXT", "x", "y" })]
    [TestCase("a(TXT)x", new[] { "a", "TXT", "x" })]
    public void TryReadEntry_Parentheses_NestAndSeparateWords(string line, string[] expected)
    {
        Assert.That(Entries(line + "\n"), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void TryReadEntry_QuotedStrings_AreOneTokenWithoutTheQuotes()
    {
        ZoneFileLexer lexer = Lexer("a TXT \"x y;z (w)\" \"\" plain\n");
        List<ZoneToken> tokens = [];

        lexer.TryReadEntry(tokens, out _);

        Assert.That(tokens.Select(token => Encoding.ASCII.GetString(lexer.TextOf(token))), Is.EqualTo(new[] { "a", "TXT", "x y;z (w)", "", "plain" }));
        Assert.That(tokens.Select(token => token.IsQuoted), Is.EqualTo(new[] { false, false, true, true, false }));
        Assert.That(tokens[2].Position, Is.EqualTo(new SourcePosition(File, 1, 7)));
    }

    [TestCase("a TXT abc\"def\"", new[] { "a", "TXT", "abc", "def" })]
    [TestCase("a TXT \"x\"y", new[] { "a", "TXT", "x", "y" })]
    public void TryReadEntry_Quote_EndsAnUnquotedWord(string line, string[] expected)
    {
        Assert.That(Entries(line + "\n"), Is.EqualTo(new[] { expected }));
    }

    [TestCase(@"a\ b A 192.0.2.1", new[] { @"a\ b", "A", "192.0.2.1" })]
    [TestCase("a\\(b\\) TXT \\\"x", new[] { "a\\(b\\)", "TXT", "\\\"x" })]
    [TestCase("a TXT \"x\\\"y\"", new[] { "a", "TXT", "x\\\"y" })]
    [TestCase(@"a TXT \065\\", new[] { "a", "TXT", @"\065\\" })]
    public void TryReadEntry_Escapes_StayInTheTokenAndHideDelimiters(string line, string[] expected)
    {
        Assert.That(Entries(line + "\n"), Is.EqualTo(new[] { expected }));
    }

    [TestCase("a A 192.0.2.1\nb A 192.0.2.2\n")]
    [TestCase("a A 192.0.2.1\r\nb A 192.0.2.2\r\n")]
    [TestCase("a A 192.0.2.1\rb A 192.0.2.2\r")]
    [TestCase("a A 192.0.2.1\nb A 192.0.2.2")]
    public void TryReadEntry_LfCrLfAndLoneCr_EndALine(string text)
    {
        ZoneFileLexer lexer = Lexer(text);
        List<ZoneToken> tokens = [];
        List<SourcePosition> starts = [];

        while (lexer.TryReadEntry(tokens, out _))
        {
            starts.Add(tokens[0].Position);
        }

        Assert.That(starts, Is.EqualTo(new[] { new SourcePosition(File, 1, 1), new SourcePosition(File, 2, 1) }));
    }

    [Test]
    public void TryReadEntry_CommentBeforeLoneCr_RunsToTheNextLineFeed()
    {
        // BIND-NOTES 31: a comment ends only at LF, so in a CR-only file it swallows the rest.
        Assert.That(Entries("a A 192.0.2.1 ; comment\rb A 192.0.2.2\nc A 192.0.2.3\n"), Is.EqualTo(new[]
        {
            new[] { "a", "A", "192.0.2.1" },
            new[] { "c", "A", "192.0.2.3" },
        }));
    }

    [Test]
    public void TryReadEntry_Positions_CountOctetsFromOne()
    {
        ZoneFileLexer lexer = Lexer("; header\nwww  IN\tA (\n   192.0.2.1 )\n");
        List<ZoneToken> tokens = [];

        lexer.TryReadEntry(tokens, out _);

        Assert.That(tokens.Select(token => token.Position), Is.EqualTo(new[]
        {
            new SourcePosition(File, 2, 1),
            new SourcePosition(File, 2, 6),
            new SourcePosition(File, 2, 9),
            new SourcePosition(File, 3, 4),
        }));
    }

    [Test]
    public void TryReadEntry_AtTheEnd_ReturnsFalseAndClearsTheTokens()
    {
        ZoneFileLexer lexer = Lexer("a A 192.0.2.1\n; trailing comment\n\n");
        List<ZoneToken> tokens = [];
        lexer.TryReadEntry(tokens, out _);

        bool read = lexer.TryReadEntry(tokens, out bool ownerOmitted);

        Assert.That(read, Is.False);
        Assert.That(ownerOmitted, Is.False);
        Assert.That(tokens, Is.Empty);
        Assert.That(lexer.TryReadEntry(tokens, out _), Is.False);
    }

    [Test]
    public void TryReadEntry_EmptyFile_ReturnsFalse()
    {
        Assert.That(Lexer(string.Empty).TryReadEntry([], out _), Is.False);
    }

    [TestCase("a TXT ( \"x\"\nb A 192.0.2.2\n", 1, 7)]
    [TestCase("a TXT ( ( x )\n", 1, 7)]
    [TestCase("a TXT x\n  ; ok\nb TXT (\n x ; ) in a comment does not close\n", 3, 7)]
    [TestCase("a TXT \"(\" (x\n", 1, 11)]
    public void TryReadEntry_UnclosedParenthesis_PointsAtTheOpeningOne(string text, int line, int column)
    {
        ZoneFileException ex = ReadAllError(text);

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((File, line, column)));
        Assert.That(ex.Message, Is.EqualTo($"{File}:{line}:{column}: '(' is never closed"));
    }

    [TestCase("a A 192.0.2.1 )\n", 1, 15)]
    [TestCase("a TXT (x))\n", 1, 10)]
    public void TryReadEntry_ClosingParenthesisWithoutOpening_PointsAtIt(string text, int line, int column)
    {
        ZoneFileException ex = ReadAllError(text);

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((File, line, column)));
        Assert.That(ex.Message, Is.EqualTo($"{File}:{line}:{column}: ')' without a matching '('"));
    }

    [TestCase("a TXT \"abc\n", 1, 7)]
    [TestCase("a TXT \"abc", 1, 7)]
    [TestCase("a TXT \"x\\\"\n", 1, 7)]
    [TestCase("a TXT ( \"multi\nline\" )\n", 1, 9)]
    public void TryReadEntry_UnclosedQuote_PointsAtTheOpeningQuote(string text, int line, int column)
    {
        ZoneFileException ex = ReadAllError(text);

        Assert.That((ex.File, ex.Line, ex.Column), Is.EqualTo((File, line, column)));
        Assert.That(ex.Message, Is.EqualTo($"{File}:{line}:{column}: quoted string is not closed on its line"));
    }

    private static ZoneFileLexer Lexer(string text) => new(Encoding.UTF8.GetBytes(text), File);

    private static List<string[]> Entries(string text)
    {
        ZoneFileLexer lexer = Lexer(text);
        List<ZoneToken> tokens = [];
        List<string[]> entries = [];
        while (lexer.TryReadEntry(tokens, out _))
        {
            entries.Add([.. tokens.Select(token => Encoding.UTF8.GetString(lexer.TextOf(token)))]);
        }

        return entries;
    }

    private static ZoneFileException ReadAllError(string text) => Assert.Throws<ZoneFileException>(() => Entries(text))!;
}
