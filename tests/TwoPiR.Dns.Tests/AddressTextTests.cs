using System.Net;

namespace TwoPiR.Dns.Tests;

public sealed class AddressTextTests
{
    [TestCase("192.0.2.1", "192.0.2.1:53")] // the address alone: port 53
    [TestCase("192.0.2.1:5353", "192.0.2.1:5353")]
    [TestCase("127.0.0.1:65535", "127.0.0.1:65535")]
    [TestCase("2001:db8::1", "[2001:db8::1]:53")]
    [TestCase("[2001:db8::1]:5353", "[2001:db8::1]:5353")]
    public void TryParseServer_AddressOrEndpoint_Parsed(string text, string expected)
    {
        bool parsed = AddressText.TryParseServer(text, out IPEndPoint? endpoint);

        Assert.That(parsed, Is.True);
        Assert.That(endpoint!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("192.0.2.1:0")] // nobody answers on port 0
    [TestCase("[2001:db8::1]:0")]
    [TestCase("192.0.2.1:65536")]
    [TestCase("192.0.2.1:")]
    [TestCase("192.0.2.1:53:53")]
    [TestCase("192.0.2.1/32")]
    [TestCase("[192.0.2.1]:53")] // brackets are for IPv6
    [TestCase("2001:db8::1%eth0")]
    [TestCase("010.0.0.1")] // octal to IPAddress.Parse: 8.0.0.1
    [TestCase("192.0.2")]
    [TestCase("dns.example.com")]
    [TestCase("dns.example.com:53")]
    [TestCase("")]
    public void TryParseServer_Junk_Refused(string text)
    {
        Assert.That(AddressText.TryParseServer(text, out _), Is.False);
    }
}
