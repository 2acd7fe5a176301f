using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

public sealed class DnsNameTests
{
    [TestCase(new byte[] { 0x00 }, 1)] // root
    [TestCase(new byte[] { 0x01, (byte)'a', 0x00 }, 3)] // "a."
    [TestCase(new byte[] { 0x01, (byte)'a', 0x00, 0xFF, 0xFF }, 3)] // "a." then other fields
    [TestCase(new byte[] { 0x02, (byte)'a', (byte)'b', 0x01, (byte)'c', 0x00 }, 6)] // "ab.c."
    public void TryGetLength_ValidName_ReturnsLengthWithRoot(byte[] source, int expected)
    {
        Assert.That(DnsName.TryGetLength(source, out int length), Is.True);
        Assert.That(length, Is.EqualTo(expected));
    }

    [TestCase(new byte[] { })] // nothing
    [TestCase(new byte[] { 0x03, (byte)'w', (byte)'w' })] // label cut short
    [TestCase(new byte[] { 0x01, (byte)'a' })] // no root
    [TestCase(new byte[] { 0xC0, 0x0C })] // compression pointer
    [TestCase(new byte[] { 0x01, (byte)'a', 0xC0, 0x0C })] // label, then compression pointer
    [TestCase(new byte[] { 0x40, 0x00 })] // reserved label type 0x40
    [TestCase(new byte[] { 0x80, 0x00 })] // reserved label type 0x80
    public void TryGetLength_MalformedName_ReturnsFalse(byte[] source)
    {
        Assert.That(DnsName.TryGetLength(source, out int length), Is.False);
        Assert.That(length, Is.EqualTo(0));
    }

    [TestCase(new[] { 63 }, true)] // longest label
    [TestCase(new[] { 63, 63, 63, 61 }, true)] // 255 octets
    [TestCase(new[] { 63, 63, 63, 62 }, false)] // 256 octets
    [TestCase(new[] { 63, 63, 63, 59, 1 }, true)] // 255 octets
    [TestCase(new[] { 63, 63, 63, 60, 1 }, false)] // 256 octets, the last label starting at 253
    public void TryGetLength_LongName_AcceptsAtMost255Octets(int[] labels, bool expected)
    {
        byte[] name = WireNames.OfLabelLengths(labels);

        Assert.That(DnsName.TryGetLength([.. name, 0x00, 0x00], out int length), Is.EqualTo(expected));
        Assert.That(length, Is.EqualTo(expected ? name.Length : 0));
    }

    [Test]
    public void ToLower_MixedCase_FoldsOnlyAsciiLetters()
    {
        byte[] name =
        [
            0x06, (byte)'W', (byte)'w', (byte)'Z', (byte)'@', (byte)'[', (byte)'-', // label "WwZ@[-"
            0x02, 0xC4, 0xE4, // label of Latin-1 "Ä" and "ä": not ASCII, left alone
            0x00, // root
        ];
        byte[] lower = new byte[name.Length];

        DnsName.ToLower(name, lower);

        Assert.That(lower, Is.EqualTo(new byte[]
        {
            0x06, (byte)'w', (byte)'w', (byte)'z', (byte)'@', (byte)'[', (byte)'-', // letters folded; '@' and '[' are not letters
            0x02, 0xC4, 0xE4, // unchanged
            0x00, // root
        }));
    }

    [TestCase("www.example.com", "WWW.Example.cOm", true)]
    [TestCase("example.com", "example.com", true)]
    [TestCase(".", ".", true)]
    [TestCase("example.com", "example.net", false)]
    [TestCase("example.com", "www.example.com", false)]
    [TestCase("ab.c", "a.bc", false)] // same octets but for the label structure
    [TestCase("@", "`", false)] // 0x40 and 0x60 differ only in the case bit, but are not letters
    [TestCase("[", "{", false)] // 0x5B and 0x7B likewise
    public void EqualsIgnoreCase_Names_ComparesAsciiLettersWithoutCase(string left, string right, bool expected)
    {
        Assert.That(DnsName.EqualsIgnoreCase(WireNames.Of(left), WireNames.Of(right)), Is.EqualTo(expected));
    }

    [Test]
    public void EqualsIgnoreCase_NonAsciiOctets_CompareExactly()
    {
        byte[] upper = [0x01, 0xC4, 0x00]; // label of Latin-1 "Ä"
        byte[] lower = [0x01, 0xE4, 0x00]; // label of Latin-1 "ä"

        Assert.That(DnsName.EqualsIgnoreCase(upper, lower), Is.False);
    }

    [TestCase("www.example.com", "example.com", true)]
    [TestCase("a.b.example.com", "example.com", true)]
    [TestCase("example.com", "example.com", true)]
    [TestCase("example.com", ".", true)]
    [TestCase(".", ".", true)]
    [TestCase(".", "com", false)]
    [TestCase("example.com", "www.example.com", false)]
    [TestCase("www.example.org", "example.com", false)]
    [TestCase("wwwexample.com", "example.com", false)] // a suffix in octets, not in labels
    [TestCase("www.xexample.com", "example.com", false)]
    [TestCase("www.example.com", "ample.com", false)]
    public void IsAtOrBelow_Names_MatchesWholeTrailingLabels(string name, string ancestor, bool expected)
    {
        Assert.That(DnsName.IsAtOrBelow(WireNames.Of(name), WireNames.Of(ancestor)), Is.EqualTo(expected));
    }

    [TestCase("www.example.com", new byte[] { 0, 4, 12 })]
    [TestCase("com", new byte[] { 0 })]
    [TestCase(".", new byte[] { })]
    public void GetLabelOffsets_Name_ReturnsOffsetOfEachLabel(string name, byte[] expected)
    {
        byte[] offsets = new byte[DnsName.MaxLabels];

        int count = DnsName.GetLabelOffsets(WireNames.Of(name), offsets);

        Assert.That(offsets[..count], Is.EqualTo(expected));
    }

    [Test]
    public void GetLabelOffsets_MostLabels_Returns127()
    {
        byte[] name = WireNames.OfLabelLengths([.. Enumerable.Repeat(1, DnsName.MaxLabels)]); // 127 × "a.", 255 octets
        byte[] offsets = new byte[DnsName.MaxLabels];

        int count = DnsName.GetLabelOffsets(name, offsets);

        Assert.That(count, Is.EqualTo(127));
        Assert.That(offsets[126], Is.EqualTo(252));
    }

    [TestCase(new byte[] { 0x00 }, ".")] // root
    [TestCase(new byte[] { }, ".")] // empty: treated as root
    [TestCase(new byte[] { 0x03, (byte)'W', (byte)'w', (byte)'w', 0x02, (byte)'c', (byte)'O', 0x00 }, "Www.cO.")] // case kept
    [TestCase(new byte[] { 0x03, (byte)'a', (byte)'-', (byte)'_', 0x01, (byte)'*', 0x00 }, "a-_.*.")] // printable, unescaped
    public void ToText_Name_FormatsFullyQualified(byte[] name, string expected)
    {
        Assert.That(DnsName.ToText(name), Is.EqualTo(expected));
    }

    // RFC 1035 §5.1: special characters get a backslash; anything unprintable becomes \DDD.
    [TestCase((byte)'.', @"\.")]
    [TestCase((byte)'\\', @"\\")]
    [TestCase((byte)'"', "\\\"")]
    [TestCase((byte)';', @"\;")]
    [TestCase((byte)'(', @"\(")]
    [TestCase((byte)')', @"\)")]
    [TestCase((byte)'@', @"\@")]
    [TestCase((byte)'$', @"\$")]
    [TestCase((byte)0x00, @"\000")]
    [TestCase((byte)0x09, @"\009")]
    [TestCase((byte)' ', @"\032")]
    [TestCase((byte)0x7F, @"\127")]
    [TestCase((byte)0xC4, @"\196")]
    [TestCase((byte)0xFF, @"\255")]
    public void ToText_SpecialOctet_IsEscaped(byte octet, string escaped)
    {
        byte[] name = [0x03, (byte)'a', octet, (byte)'b', 0x00]; // label "a?b", root

        Assert.That(DnsName.ToText(name), Is.EqualTo("a" + escaped + "b."));
    }
}
