using System.Diagnostics;
using System.Text;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Tests.Ssh;

[TestFixture]
public sealed class ShellQuoteTests
{
    // Words a remote command may carry: everything a shell would otherwise expand, split or run.
    private static readonly string[] s_nastyWords =
    [
        "",
        " ",
        "a b",
        "  two  spaces  ",
        "it's",
        "''",
        "\"double\"",
        "$(touch /tmp/twopir-pwned)",
        "`id`",
        "$HOME",
        "${PATH}",
        "*",
        "/etc/*",
        "~",
        "~root",
        "a;b",
        "a && b",
        "a | b",
        "a\\b",
        "\\",
        "line1\nline2",
        "trailing newline\n",
        "\ttab",
        "x=y",
        "-n",
        "--",
        "%s %d",
        "!event",
        "#comment",
        "{a,b}",
        "[ab]",
        "<in >out",
        "grüße",
        "日本語",
        "emoji 🚀",
        "'$(`\\\"*~;'",
    ];

    [TestCase("gv0", "gv0")]
    [TestCase("pi1:/srv/gluster/brick", "pi1:/srv/gluster/brick")]
    [TestCase("network.ping-timeout", "network.ping-timeout")]
    [TestCase("--mode=script", "--mode=script")]
    [TestCase("user@host,a+b", "user@host,a+b")]
    [TestCase("", "''")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("a b", "'a b'")]
    [TestCase("$HOME", "'$HOME'")]
    [TestCase("$(id)", "'$(id)'")]
    [TestCase("`id`", "'`id`'")]
    [TestCase("*", "'*'")]
    [TestCase("~", "'~'")]
    [TestCase("a;b", "'a;b'")]
    [TestCase("a\\b", "'a\\b'")]
    [TestCase("a\nb", "'a\nb'")]
    [TestCase("grüße", "'grüße'")]
    [TestCase("'", "''\\'''")]
    public void Quote_Word_QuotesOnlyWhenNeeded(string word, string expected)
    {
        Assert.That(ShellQuote.Quote(word), Is.EqualTo(expected));
    }

    [Test]
    public void Join_SeveralWords_QuotesEachAndSeparatesWithOneSpace()
    {
        Assert.That(ShellQuote.Join(["gluster", "volume", "set", "gv0", "a b", ""]), Is.EqualTo("gluster volume set gv0 'a b' ''"));
    }

    [Test]
    public void Join_NoWords_ReturnsEmptyLine()
    {
        Assert.That(ShellQuote.Join([]), Is.EqualTo(""));
    }

    [Test]
    public async Task Join_NastyWords_ShellReadsThemBackByteForByte()
    {
        string line = "printf '%s\\0' " + ShellQuote.Join(s_nastyWords);

        byte[] output = await RunShellAsync(line);

        Assert.That(output, Is.EqualTo(NulTerminated(s_nastyWords)));
    }

    [Test]
    public async Task Join_EachNastyWordAlone_ShellReadsItBackByteForByte()
    {
        foreach (string word in s_nastyWords)
        {
            byte[] output = await RunShellAsync("printf '%s\\0' " + ShellQuote.Quote(word));

            Assert.That(output, Is.EqualTo(NulTerminated([word])), $"word: {word}");
        }
    }

    [Test]
    public async Task ArgumentsFor_NastyWords_SurviveLoginShellAndShDashC()
    {
        // What OpenSshShell sends is one remote line; the node's login shell reads it once, and the
        // `sh -c` inside reads the quoted line again. Locally, `sh -c LINE` plays the login shell.
        OpenSshShell shell = new(OpenSshShellTests.Node(sudo: false), "/tmp/twopir-control");
        string remoteLine = shell.ArgumentsFor("printf '%s\\0' " + ShellQuote.Join(s_nastyWords))[^1];

        byte[] output = await RunShellAsync(remoteLine);

        Assert.That(output, Is.EqualTo(NulTerminated(s_nastyWords)));
    }

    private static byte[] NulTerminated(IEnumerable<string> words) =>
        [.. words.SelectMany(word => Encoding.UTF8.GetBytes(word).Append((byte)0))];

    private static async Task<byte[]> RunShellAsync(string line)
    {
        ProcessStartInfo start = new("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        using Process process = Process.Start(start)!;
        using MemoryStream output = new();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        Assert.That((process.ExitCode, await error), Is.EqualTo((0, "")), line);
        return output.ToArray();
    }
}
