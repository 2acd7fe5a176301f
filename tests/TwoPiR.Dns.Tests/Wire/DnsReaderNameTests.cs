using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>DnsReader.TryReadName: labels, compression pointers and every way they can be malformed.</summary>
public sealed class DnsReaderNameTests
{
    [Test]
    public void TryReadName_PlainName_ReturnsNameAndMovesPastRoot()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x03, .. "www"u8, // label "www"
            0x07, .. "example"u8, // label "example"
            0x03, .. "com"u8, // label "com"
            0x00, // root
        ];

        bool read = TryReadName(message, 12, out byte[] name, out int position);

        Assert.That(read, Is.True);
        Assert.That(name, Is.EqualTo(message[12..]));
        Assert.That(position, Is.EqualTo(message.Length));
    }

    [Test]
    public void TryReadName_Root_ReturnsSingleZeroOctet()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x00, // root
            0xFF, // an octet after the name
        ];

        bool read = TryReadName(message, 12, out byte[] name, out int position);

        Assert.That(read, Is.True);
        Assert.That(name, Is.EqualTo(new byte[] { 0x00 }));
        Assert.That(position, Is.EqualTo(13));
    }

    [Test]
    public void TryReadName_MixedCase_KeepsCaseOfEveryOctet()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x03, .. "WwW"u8, // label "WwW"
            0x02, .. "cO"u8, // label "cO"
            0x00, // root
        ];

        bool read = TryReadName(message, 12, out byte[] name, out _);

        Assert.That(read, Is.True);
        Assert.That(name, Is.EqualTo(message[12..]));
    }

    [Test]
    public void TryReadName_SinglePointer_FollowsItAndStopsRightAfterPointer()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x07, .. "example"u8, // offset 12: label "example"
            0x03, .. "com"u8, // offset 20: label "com"
            0x00, // offset 24: root
            0x03, .. "www"u8, // offset 25: label "www"
            0xC0, 0x0C, // offset 29: pointer to offset 12
            0xAA, 0xBB, // offset 31: the next field
        ];

        bool read = TryReadName(message, 25, out byte[] name, out int position);

        Assert.That(read, Is.True);
        Assert.That(name, Is.EqualTo(WireNames.Of("www.example.com")));
        Assert.That(position, Is.EqualTo(31));
    }

    [Test]
    public void TryReadName_ChainedPointers_FollowsEveryHopAndStopsAfterFirstPointer()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x03, .. "com"u8, // offset 12: label "com"
            0x00, // offset 16: root
            0x07, .. "example"u8, // offset 17: label "example"
            0xC0, 0x0C, // offset 25: pointer to offset 12 ("com")
            0x03, .. "www"u8, // offset 27: label "www"
            0xC0, 0x11, // offset 31: pointer to offset 17 ("example.com")
            0xC0, 0x1B, // offset 33: pointer to offset 27 ("www.example.com")
            0xAA, // offset 35: the next field
        ];

        bool read = TryReadName(message, 33, out byte[] name, out int position);

        Assert.That(read, Is.True);
        Assert.That(name, Is.EqualTo(WireNames.Of("www.example.com")));
        Assert.That(position, Is.EqualTo(35));
    }

    [Test]
    public void TryReadName_PointerToItself_ReturnsFalse()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0xC0, 0x0C, // offset 12: pointer to offset 12
        ];

        Assert.That(TryReadName(message, 12, out _, out _), Is.False);
    }

    [Test]
    public void TryReadName_PointerAfterLabelToItself_ReturnsFalse()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x01, (byte)'a', // offset 12: label "a"
            0xC0, 0x0E, // offset 14: pointer to offset 14
        ];

        Assert.That(TryReadName(message, 12, out _, out _), Is.False);
    }

    [Test]
    public void TryReadName_PointerBackToStartOfSameName_ReturnsFalse()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x01, (byte)'a', // offset 12: label "a"
            0xC0, 0x0C, // offset 14: pointer to offset 12, the start of this name
        ];

        Assert.That(TryReadName(message, 12, out _, out _), Is.False);
    }

    [Test]
    public void TryReadName_ForwardPointer_ReturnsFalse()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0xC0, 0x0E, // offset 12: pointer to offset 14
            0x00, // offset 14: root, a valid name were forward pointers allowed
        ];

        Assert.That(TryReadName(message, 12, out _, out _), Is.False);
    }

    [TestCase(12)]
    [TestCase(14)]
    public void TryReadName_LoopBetweenTwoPointers_ReturnsFalse(int start)
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0xC0, 0x0E, // offset 12: pointer to offset 14
            0xC0, 0x0C, // offset 14: pointer to offset 12
        ];

        Assert.That(TryReadName(message, start, out _, out _), Is.False);
    }

    [Test]
    public void TryReadName_PointerIntoMiddleOfLaterLabel_ReturnsFalse()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0xC0, 0x10, // offset 12: pointer to offset 16, inside the next label
            0x03, (byte)'a', 0x00, (byte)'b', // offset 14: label "a\0b"; offset 16 alone reads as root
            0x00, // offset 18: root
        ];

        Assert.That(TryReadName(message, 12, out _, out _), Is.False);
    }

    [TestCase(DnsReader.MaxPointerHops, true)]
    [TestCase(DnsReader.MaxPointerHops + 1, false)]
    public void TryReadName_ChainOfPointers_AcceptsAtMostSixteenHops(int hops, bool expected)
    {
        // Offset 12: "a." (0x01 'a' 0x00); then each pointer at 15 + 2k points to the one before it,
        // so the last one needs `hops` hops to reach the labels.
        List<byte> body = [0x01, (byte)'a', 0x00, 0xC0, 0x0C];
        for (int hop = 2; hop <= hops; hop++)
        {
            int previous = 12 + body.Count - 2;
            body.AddRange([0xC0, (byte)previous]);
        }

        byte[] message = [.. WireNames.Header, .. body];

        bool read = TryReadName(message, message.Length - 2, out byte[] name, out int position);

        Assert.That(read, Is.EqualTo(expected));
        Assert.That(name, Is.EqualTo(expected ? WireNames.Of("a") : []));
        Assert.That(position, Is.EqualTo(expected ? message.Length : message.Length - 2));
    }

    // 0x40 and 0x80 are reserved label types (RFC 6891 §5, RFC 2673); any length octet over 63 is invalid.
    [TestCase(0x40)]
    [TestCase(0x41)]
    [TestCase(0x7F)]
    [TestCase(0x80)]
    [TestCase(0x81)]
    [TestCase(0xBF)]
    public void TryReadName_ReservedLabelTypeOrLabelOver63_ReturnsFalse(int lengthOctet)
    {
        // Enough zero octets follow that the octet would read as a whole label and a root.
        byte[] message = [.. WireNames.Header, (byte)lengthOctet, .. new byte[256]];

        Assert.That(TryReadName(message, 12, out _, out int position), Is.False);
        Assert.That(position, Is.EqualTo(12));
    }

    [Test]
    public void TryReadName_LabelOf63Octets_ReturnsName()
    {
        byte[] name63 = WireNames.OfLabelLengths(63); // 0x3F, 63 × 'a', root
        byte[] message = [.. WireNames.Header, .. name63];

        Assert.That(TryReadName(message, 12, out byte[] name, out _), Is.True);
        Assert.That(name, Is.EqualTo(name63));
    }

    [TestCase(new[] { 63, 63, 63, 61 }, true)] // 3 × 64 + 62 + root = 255 octets
    [TestCase(new[] { 63, 63, 63, 62 }, false)] // 3 × 64 + 63 + root = 256 octets
    [TestCase(new[] { 63, 63, 63, 59, 1 }, true)] // 3 × 64 + 60 + 2 + root = 255 octets
    [TestCase(new[] { 63, 63, 63, 60, 1 }, false)] // 3 × 64 + 61 + 2 + root = 256 octets
    public void TryReadName_UncompressedLength_AcceptsAtMost255Octets(int[] labels, bool expected)
    {
        byte[] wire = WireNames.OfLabelLengths(labels);
        byte[] message = [.. WireNames.Header, .. wire];

        bool read = TryReadName(message, 12, out byte[] name, out _);

        Assert.That(read, Is.EqualTo(expected));
        Assert.That(name, Is.EqualTo(expected ? wire : []));
    }

    [TestCase(61, true)] // 64 + 62 + 129 = 255 octets once uncompressed
    [TestCase(62, false)] // 64 + 63 + 129 = 256 octets once uncompressed
    public void TryReadName_CompressedLength_AcceptsAtMost255OctetsOnceUncompressed(int secondLabel, bool expected)
    {
        byte[] target = WireNames.OfLabelLengths(63, 63); // offset 12: 129 octets, root included
        byte[] prefix = WireNames.OfLabelLengths(63, secondLabel)[..^1]; // offset 141: two labels, no root
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            .. target, // offset 12: "a{63}.a{63}."
            .. prefix, // offset 141: two labels...
            0xC0, 0x0C, // ...then a pointer to offset 12
        ];

        bool read = TryReadName(message, 12 + target.Length, out byte[] name, out _);

        Assert.That(read, Is.EqualTo(expected));
        Assert.That(name.Length, Is.EqualTo(expected ? 255 : 0));
    }

    [TestCase(12)] // nothing at all
    [TestCase(13)] // the length octet only
    [TestCase(15)] // two of three label octets
    [TestCase(16)] // the whole label, no root
    public void TryReadName_TruncatedLabel_ReturnsFalseAndKeepsPosition(int messageLength)
    {
        byte[] whole =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x03, .. "www"u8, // label "www"
            0x00, // root
        ];

        Assert.That(TryReadName(whole[..messageLength], 12, out _, out int position), Is.False);
        Assert.That(position, Is.EqualTo(12));
    }

    [Test]
    public void TryReadName_TruncatedPointer_ReturnsFalseAndKeepsPosition()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x00, // offset 12: root, a valid target
            0x01, (byte)'a', // offset 13: label "a"
            0xC0, // offset 15: first pointer octet; the second is missing
        ];

        Assert.That(TryReadName(message, 13, out _, out int position), Is.False);
        Assert.That(position, Is.EqualTo(13));
    }

    [Test]
    public void TryReadName_PointerToTruncatedName_ReturnsFalse()
    {
        byte[] message =
        [
            .. WireNames.Header, // offsets 0-11: header, not read here
            0x05, (byte)'a', // offset 12: a label of 5 octets with one present...
            0xC0, 0x0C, // offset 14: ...so this pointer leads to a label running past the end
        ];

        Assert.That(TryReadName(message, 14, out _, out _), Is.False);
    }

    private static bool TryReadName(byte[] message, int start, out byte[] name, out int position)
    {
        Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(message, start);
        bool read = reader.TryReadName(buffer, out int length);
        name = buffer[..length].ToArray();
        position = reader.Position;
        return read;
    }
}
