using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Wire;

public sealed class RecordDataTests
{
    /// <summary>SERIAL 2024010101, REFRESH 3600, RETRY 900, EXPIRE 604800, MINIMUM 300.</summary>
    private static readonly byte[] s_timers =
    [
        0x78, 0xA3, 0xF1, 0x75, // SERIAL 2024010101
        0x00, 0x00, 0x0E, 0x10, // REFRESH 3600
        0x00, 0x00, 0x03, 0x84, // RETRY 900
        0x00, 0x09, 0x3A, 0x80, // EXPIRE 604800
        0x00, 0x00, 0x01, 0x2C, // MINIMUM 300
    ];

    private static readonly byte[] s_soa = [.. WireNames.Of("ns1.example.com"), .. WireNames.Of("hostmaster.example.com"), .. s_timers];

    [TestCase(0, false)]
    [TestCase(3, false)]
    [TestCase(4, true)]
    [TestCase(5, false)]
    public void IsValid_A_NeedsFourOctets(int length, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.A, new byte[length]), Is.EqualTo(expected));
    }

    [TestCase(4, false)]
    [TestCase(15, false)]
    [TestCase(16, true)]
    [TestCase(17, false)]
    public void IsValid_AAAA_NeedsSixteenOctets(int length, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.AAAA, new byte[length]), Is.EqualTo(expected));
    }

    [TestCase(new byte[] { 0x03, (byte)'n', (byte)'s', (byte)'1', 0x00 }, true)] // "ns1."
    [TestCase(new byte[] { 0x00 }, true)] // root
    [TestCase(new byte[] { 0x03, (byte)'n', (byte)'s', (byte)'1', 0x00, 0x00 }, false)] // an octet after the name
    [TestCase(new byte[] { 0x03, (byte)'n', (byte)'s', (byte)'1' }, false)] // no root
    [TestCase(new byte[] { 0xC0, 0x0C }, false)] // compressed: zone data is never compressed
    [TestCase(new byte[] { }, false)] // empty
    public void IsValid_NameTypes_NeedExactlyOneName(byte[] data, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.NS, data), Is.EqualTo(expected));
        Assert.That(RecordData.IsValid(RecordType.CNAME, data), Is.EqualTo(expected));
        Assert.That(RecordData.IsValid(RecordType.PTR, data), Is.EqualTo(expected));
    }

    [TestCase(new byte[] { 0x00, 0x0A, 0x04, (byte)'m', (byte)'a', (byte)'i', (byte)'l', 0x00 }, true)] // 10 "mail."
    [TestCase(new byte[] { 0x00, 0x00, 0x00 }, true)] // 0 "." (RFC 7505 null MX)
    [TestCase(new byte[] { 0x00, 0x0A }, false)] // preference, no exchange
    [TestCase(new byte[] { 0x00 }, false)] // half a preference
    [TestCase(new byte[] { }, false)] // empty
    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x00 }, false)] // an octet after the exchange
    [TestCase(new byte[] { 0x00, 0x0A, 0xC0, 0x0C }, false)] // compressed exchange
    public void IsValid_MX_NeedsPreferenceAndExactlyOneName(byte[] data, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.MX, data), Is.EqualTo(expected));
    }

    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, 0x01, (byte)'a', 0x00 }, true)] // 10 5 443 "a."
    [TestCase(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, true)] // 0 0 0 "." (no service)
    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB }, false)] // no target
    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x05, 0x01 }, false)] // port cut short
    [TestCase(new byte[] { 0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, 0x00, 0x00 }, false)] // an octet after the target
    public void IsValid_SRV_NeedsSixOctetsAndExactlyOneName(byte[] data, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.SRV, data), Is.EqualTo(expected));
    }

    [Test]
    public void IsValid_SoaWithTwoNamesAndTimers_ReturnsTrue()
    {
        Assert.That(RecordData.IsValid(RecordType.SOA, s_soa), Is.True);
        Assert.That(RecordData.IsValid(RecordType.SOA, [0x00, 0x00, .. s_timers]), Is.True); // "." "." and timers
    }

    [TestCase(-1)] // a timer octet missing
    [TestCase(1)] // an octet too many
    public void IsValid_SoaWithWrongTimerLength_ReturnsFalse(int delta)
    {
        byte[] data = delta < 0 ? s_soa[..^1] : [.. s_soa, 0x00];

        Assert.That(RecordData.IsValid(RecordType.SOA, data), Is.False);
    }

    [Test]
    public void IsValid_SoaWithOneName_ReturnsFalse()
    {
        byte[] data = [.. WireNames.Of("ns1.example.com"), .. s_timers]; // SERIAL's first octet, 0x78, is no label length

        Assert.That(RecordData.IsValid(RecordType.SOA, data), Is.False);
    }

    [TestCase(new byte[] { 0x00 }, true)] // one empty string
    [TestCase(new byte[] { 0x03, (byte)'a', (byte)'b', (byte)'c' }, true)] // "abc"
    [TestCase(new byte[] { 0x01, (byte)'a', 0x00, 0x01, (byte)'b' }, true)] // "a" "" "b"
    [TestCase(new byte[] { }, false)] // no string at all
    [TestCase(new byte[] { 0x03, (byte)'a', (byte)'b' }, false)] // "abc" cut short
    [TestCase(new byte[] { 0x01, (byte)'a', 0x02, (byte)'b' }, false)] // second string cut short
    public void IsValid_TXT_NeedsOneOrMoreWholeCharacterStrings(byte[] data, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.TXT, data), Is.EqualTo(expected));
    }

    [Test]
    public void IsValid_TxtOfLongestString_ReturnsTrue()
    {
        Assert.That(RecordData.IsValid(RecordType.TXT, [0xFF, .. new byte[255]]), Is.True);
    }

    [TestCase(new byte[] { 0x00, 0x05, (byte)'i', (byte)'s', (byte)'s', (byte)'u', (byte)'e', (byte)'c', (byte)'a' }, true)] // 0 issue "ca"
    [TestCase(new byte[] { 0x80, 0x05, (byte)'i', (byte)'s', (byte)'s', (byte)'u', (byte)'e' }, true)] // critical, empty value
    [TestCase(new byte[] { 0x00, 0x05, (byte)'I', (byte)'s', (byte)'S', (byte)'u', (byte)'E' }, true)] // letters of either case
    [TestCase(new byte[] { 0x00, 0x03, (byte)'t', (byte)'b', (byte)'1' }, true)] // digits
    [TestCase(new byte[] { 0x00, 0x00, (byte)'c', (byte)'a' }, false)] // empty tag
    [TestCase(new byte[] { 0x00, 0x06, (byte)'i', (byte)'s', (byte)'s', (byte)'u', (byte)'e' }, false)] // tag runs past the end
    [TestCase(new byte[] { 0x00, 0x05, (byte)'i', (byte)'s', (byte)'-', (byte)'u', (byte)'e' }, false)] // '-' in tag
    [TestCase(new byte[] { 0x00, 0x05, (byte)'i', (byte)'s', (byte)' ', (byte)'u', (byte)'e' }, false)] // space in tag
    [TestCase(new byte[] { 0x00, 0x01, 0xE9 }, false)] // non-ASCII letter in tag
    [TestCase(new byte[] { 0x00 }, false)] // flags only
    [TestCase(new byte[] { }, false)] // empty
    public void IsValid_CAA_NeedsNonEmptyAlphanumericTag(byte[] data, bool expected)
    {
        Assert.That(RecordData.IsValid(RecordType.CAA, data), Is.EqualTo(expected));
    }

    [TestCase(new byte[] { })]
    [TestCase(new byte[] { 0xC0, 0x0C, 0xFF })]
    public void IsValid_UnknownType_AcceptsAnyOctets(byte[] data)
    {
        Assert.That(RecordData.IsValid((RecordType)65280, data), Is.True);
        Assert.That(RecordData.IsValid(RecordType.HINFO, data), Is.True);
    }

    [TestCase("NS1.Example.COM", "ns1.example.com", true)]
    [TestCase("ns1.example.com", "ns2.example.com", false)]
    [TestCase("ns1.example.com", "ns1.example.co", false)]
    public void AreEqual_NameTypes_IgnoreCaseOfName(string left, string right, bool expected)
    {
        Assert.That(RecordData.AreEqual(RecordType.NS, WireNames.Of(left), WireNames.Of(right)), Is.EqualTo(expected));
        Assert.That(RecordData.AreEqual(RecordType.CNAME, WireNames.Of(left), WireNames.Of(right)), Is.EqualTo(expected));
        Assert.That(RecordData.AreEqual(RecordType.PTR, WireNames.Of(left), WireNames.Of(right)), Is.EqualTo(expected));
    }

    [Test]
    public void AreEqual_MxExchangeInOtherCase_ReturnsTrue()
    {
        byte[] left = [0x00, 0x0A, .. WireNames.Of("MAIL.example.com")];
        byte[] right = [0x00, 0x0A, .. WireNames.Of("mail.EXAMPLE.com")];

        Assert.That(RecordData.AreEqual(RecordType.MX, left, right), Is.True);
    }

    [Test]
    public void AreEqual_MxPreferenceDiffersOnlyInCaseBit_ReturnsFalse()
    {
        byte[] left = [0x00, 0x41, .. WireNames.Of("mail.example.com")]; // PREFERENCE 65, 'A' as an octet
        byte[] right = [0x00, 0x61, .. WireNames.Of("mail.example.com")]; // PREFERENCE 97, 'a' as an octet

        Assert.That(RecordData.AreEqual(RecordType.MX, left, right), Is.False);
    }

    [TestCase(0)] // PRIORITY, high octet
    [TestCase(3)] // WEIGHT, low octet
    [TestCase(5)] // PORT, low octet
    public void AreEqual_SrvFixedFieldDiffersOnlyInCaseBit_ReturnsFalse(int offset)
    {
        byte[] left = [0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, .. WireNames.Of("www.example.com")];
        byte[] right = [.. left];
        left[offset] = 0x41; // 'A' as an octet
        right[offset] = 0x61; // 'a' as an octet

        Assert.That(RecordData.AreEqual(RecordType.SRV, left, right), Is.False);
    }

    [Test]
    public void AreEqual_SrvTargetInOtherCase_ReturnsTrue()
    {
        byte[] left = [0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, .. WireNames.Of("WWW.example.com")];
        byte[] right = [0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, .. WireNames.Of("www.example.com")];

        Assert.That(RecordData.AreEqual(RecordType.SRV, left, right), Is.True);
    }

    [Test]
    public void AreEqual_SoaNamesInOtherCase_ReturnsTrue()
    {
        byte[] right = [.. WireNames.Of("NS1.example.com"), .. WireNames.Of("HostMaster.Example.com"), .. s_timers];

        Assert.That(RecordData.AreEqual(RecordType.SOA, s_soa, right), Is.True);
    }

    [TestCase(0)] // SERIAL, first octet
    [TestCase(19)] // MINIMUM, last octet
    public void AreEqual_SoaTimerDiffersOnlyInCaseBit_ReturnsFalse(int timerOffset)
    {
        byte[] left = [.. s_soa];
        byte[] right = [.. s_soa];
        left[^(20 - timerOffset)] = 0x41; // 'A' as an octet
        right[^(20 - timerOffset)] = 0x61; // 'a' as an octet

        Assert.That(RecordData.AreEqual(RecordType.SOA, left, right), Is.False);
    }

    [TestCase(new byte[] { 0x01, (byte)'A' }, new byte[] { 0x01, (byte)'a' }, false)] // TXT is case-sensitive
    [TestCase(new byte[] { 0x01, (byte)'a' }, new byte[] { 0x01, (byte)'a' }, true)]
    [TestCase(new byte[] { 0x01, (byte)'a' }, new byte[] { 0x02, (byte)'a', (byte)'b' }, false)]
    public void AreEqual_Txt_ComparesOctetsExactly(byte[] left, byte[] right, bool expected)
    {
        Assert.That(RecordData.AreEqual(RecordType.TXT, left, right), Is.EqualTo(expected));
    }

    [Test]
    public void AreEqual_Address_ComparesOctetsExactly()
    {
        Assert.That(RecordData.AreEqual(RecordType.A, [192, 0, 2, 1], [192, 0, 2, 1]), Is.True);
        Assert.That(RecordData.AreEqual(RecordType.A, [192, 0, 2, 0x41], [192, 0, 2, 0x61]), Is.False);
    }

    [TestCase("ns1.example.com", "hostmaster.example.com")]
    [TestCase(".", ".")]
    public void ReadSoaTimers_AnyNames_ReadsSerialAndMinimum(string primary, string mailbox)
    {
        byte[] data = [.. WireNames.Of(primary), .. WireNames.Of(mailbox), .. s_timers];

        (uint serial, uint minimum) = RecordData.ReadSoaTimers(data);

        Assert.That(serial, Is.EqualTo(2024010101u));
        Assert.That(minimum, Is.EqualTo(300u));
    }

    [Test]
    public void TargetName_EachNameType_ReturnsTheNameAlone()
    {
        byte[] name = WireNames.Of("target.example.com");
        byte[] mx = [0x00, 0x0A, .. name];
        byte[] srv = [0x00, 0x0A, 0x00, 0x05, 0x01, 0xBB, .. name];

        Assert.That(RecordData.TargetName(RecordType.NS, name).ToArray(), Is.EqualTo(name));
        Assert.That(RecordData.TargetName(RecordType.CNAME, name).ToArray(), Is.EqualTo(name));
        Assert.That(RecordData.TargetName(RecordType.PTR, name).ToArray(), Is.EqualTo(name));
        Assert.That(RecordData.TargetName(RecordType.MX, mx).ToArray(), Is.EqualTo(name));
        Assert.That(RecordData.TargetName(RecordType.SRV, srv).ToArray(), Is.EqualTo(name));
    }
}
