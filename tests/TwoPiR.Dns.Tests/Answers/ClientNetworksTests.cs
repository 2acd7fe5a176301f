using System.Net;
using TwoPiR.Dns.Answers;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>ClientNetworks: prefix matching on 128 bits, IPv4 networks as their IPv4-mapped IPv6 form.</summary>
public sealed class ClientNetworksTests
{
    [TestCase("192.0.2.0/24", "192.0.2.0", true)]
    [TestCase("192.0.2.0/24", "192.0.2.255", true)]
    [TestCase("192.0.2.0/24", "192.0.3.0", false)]
    [TestCase("192.0.2.0/24", "192.0.1.255", false)]
    [TestCase("192.0.2.7", "192.0.2.7", true)] // an address alone is a /32
    [TestCase("192.0.2.7", "192.0.2.8", false)]
    [TestCase("192.0.2.7/24", "192.0.2.200", true)] // host bits are cleared: 192.0.2.0/24
    [TestCase("192.0.2.7/24", "192.0.3.7", false)]
    [TestCase("127.0.0.1/32", "127.0.0.99", false)]
    [TestCase("172.16.0.0/12", "172.31.255.255", true)]
    [TestCase("172.16.0.0/12", "172.32.0.0", false)]
    [TestCase("0.0.0.0/0", "203.0.113.1", true)] // every IPv4 client
    [TestCase("0.0.0.0/0", "::ffff:203.0.113.1", true)] // the same client on a dual-stack socket
    [TestCase("0.0.0.0/0", "2001:db8::1", false)] // an IPv4 network holds no IPv6 address outside ::ffff:0:0/96
    [TestCase("0.0.0.0/0", "::1", false)]
    [TestCase("0.0.0.0/0", "::192.0.2.1", false)] // IPv4-compatible, not mapped
    [TestCase("::/0", "2001:db8::1", true)]
    [TestCase("::/0", "192.0.2.1", true)] // every address, IPv4 included
    [TestCase("::ffff:0:0/96", "192.0.2.1", true)]
    [TestCase("2001:db8::/32", "2001:db8:ffff::1", true)]
    [TestCase("2001:db8::/32", "2001:db9::1", false)]
    [TestCase("2001:db8::1/64", "2001:db8::ffff", true)] // host bits again
    [TestCase("fe80::/10", "febf::1", true)]
    [TestCase("fe80::/10", "fec0::1", false)]
    [TestCase("::1", "::1", true)]
    [TestCase("::1", "127.0.0.1", false)]
    public void Contains_OneNetwork_MatchesItsPrefixOnly(string network, string address, bool expected)
    {
        ClientNetworks networks = ClientNetworks.Parse([network]);

        Assert.That(networks.Contains(ClientAddress.From(IPAddress.Parse(address))), Is.EqualTo(expected));
    }

    [TestCase("10.1.2.3", true)]
    [TestCase("2001:db8::5", true)]
    [TestCase("192.0.2.1", false)]
    public void Contains_SeveralNetworks_AnyOfThem(string address, bool expected)
    {
        ClientNetworks networks = ClientNetworks.Parse(["10.0.0.0/8", "2001:db8::/32"]);

        Assert.That(networks.Contains(ClientAddress.From(IPAddress.Parse(address))), Is.EqualTo(expected));
    }

    [TestCase("0.0.0.0/0")]
    [TestCase("::/0")]
    public void Contains_UnknownClient_InNoNetworkEvenTheWholeInternet(string network)
    {
        Assert.That(ClientNetworks.Parse([network]).Contains(ClientAddress.Unknown), Is.False);
    }

    [Test]
    public void Contains_NoNetworks_False()
    {
        Assert.That(ClientNetworks.Parse([]).Contains(ClientAddress.From(IPAddress.Loopback)), Is.False);
    }

    [Test]
    public void Contains_NetworkObjects_SameAsParsedText()
    {
        ClientNetworks networks = new([new IPNetwork(IPAddress.Parse("192.0.2.0"), 25)]);

        Assert.That(networks.Contains(ClientAddress.From(IPAddress.Parse("192.0.2.127"))), Is.True);
        Assert.That(networks.Contains(ClientAddress.From(IPAddress.Parse("192.0.2.128"))), Is.False);
    }

    [TestCase("192.0.2.0/33")]
    [TestCase("example.com")]
    [TestCase("")]
    public void Parse_NotANetwork_FormatExceptionNamingIt(string text)
    {
        FormatException? thrown = Assert.Throws<FormatException>(() => ClientNetworks.Parse([text]));

        Assert.That(thrown!.Message, Does.Contain($"'{text}'"));
    }
}
