using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Tests.Ssh;

[TestFixture]
public sealed class ShellQuoteTests
{
    [TestCase("gv0", "gv0")]
    [TestCase("pi1:/srv/gluster/brick", "pi1:/srv/gluster/brick")]
    [TestCase("", "''")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("a b", "'a b'")]
    public void Quote_Word_QuotesOnlyWhenNeeded(string word, string expected)
    {
        Assert.That(ShellQuote.Quote(word), Is.EqualTo(expected));
    }
}
