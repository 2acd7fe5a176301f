using System.Net;
using System.Net.Sockets;
using TwoPiR.Dns.Answers;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>ClientAddress: every way a client's address arrives, read as 128 bits with IPv4 mapped (RFC 4291 §2.5.5.2).</summary>
public sealed class ClientAddressTests
{
    [Test]
    public void From_IPv4SocketAddress_MappedBits()
    {
        SocketAddress socketAddress = new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5300).Serialize();

        ClientAddress client = ClientAddress.From(socketAddress);

        Assert.That(client.Bits, Is.EqualTo(new UInt128(0, 0x0000_FFFF_C000_0207))); // ::ffff:192.0.2.7
        Assert.That(client.ToIPAddress(), Is.EqualTo(IPAddress.Parse("192.0.2.7")));
    }

    [Test]
    public void From_IPv6SocketAddress_AddressBitsWithoutPortFlowOrScope()
    {
        IPEndPoint endpoint = new(IPAddress.Parse("2001:db8::53"), 5300);
        endpoint.Address.ScopeId = 3;

        ClientAddress client = ClientAddress.From(endpoint.Serialize());

        Assert.That(client.Bits, Is.EqualTo(new UInt128(0x2001_0DB8_0000_0000, 0x0000_0000_0000_0053)));
        Assert.That(client, Is.EqualTo(ClientAddress.From(IPAddress.Parse("2001:db8::53"))));
    }

    [Test]
    public void From_UnixSocketAddress_Unknown()
    {
        SocketAddress socketAddress = new UnixDomainSocketEndPoint("/run/twopir.sock").Serialize();

        Assert.That(ClientAddress.From(socketAddress), Is.EqualTo(ClientAddress.Unknown));
    }

    [Test]
    public void FromLinuxSocketAddress_SockaddrIn_ReadsTheAddress()
    {
        byte[] sockaddr =
        [
            .. BitConverter.GetBytes((ushort)2), // sin_family AF_INET, in host byte order as the kernel fills it
            0x14, 0xB4, // sin_port 5300, network order
            192, 0, 2, 7, // sin_addr
            0, 0, 0, 0, 0, 0, 0, 0, // sin_zero
        ];

        Assert.That(ClientAddress.FromLinuxSocketAddress(sockaddr), Is.EqualTo(ClientAddress.From(IPAddress.Parse("192.0.2.7"))));
    }

    [Test]
    public void FromLinuxSocketAddress_SockaddrIn6_ReadsTheAddress()
    {
        byte[] sockaddr =
        [
            .. BitConverter.GetBytes((ushort)10), // sin6_family AF_INET6, in host byte order
            0x14, 0xB4, // sin6_port 5300, network order
            0x00, 0x0A, 0xBC, 0xDE, // sin6_flowinfo: not part of the address
            0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x53, // sin6_addr 2001:db8::53
            0x02, 0x00, 0x00, 0x00, // sin6_scope_id: not part of the address
        ];

        Assert.That(ClientAddress.FromLinuxSocketAddress(sockaddr), Is.EqualTo(ClientAddress.From(IPAddress.Parse("2001:db8::53"))));
    }

    [Test]
    public void FromLinuxSocketAddress_SockaddrIn6WithMappedIPv4_EqualsTheIPv4Address()
    {
        byte[] sockaddr =
        [
            .. BitConverter.GetBytes((ushort)10), // sin6_family AF_INET6: an IPv4 client on a dual-stack socket
            0x14, 0xB4, // sin6_port 5300
            0, 0, 0, 0, // sin6_flowinfo
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 192, 0, 2, 7, // sin6_addr ::ffff:192.0.2.7
            0, 0, 0, 0, // sin6_scope_id
        ];

        Assert.That(ClientAddress.FromLinuxSocketAddress(sockaddr), Is.EqualTo(ClientAddress.From(IPAddress.Parse("192.0.2.7"))));
    }

    [Test]
    public void FromLinuxSocketAddress_OtherFamily_Unknown()
    {
        byte[] sockaddr =
        [
            .. BitConverter.GetBytes((ushort)1), // sun_family AF_UNIX
            (byte)'/', (byte)'r', (byte)'u', (byte)'n', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // sun_path, cut short
        ];

        Assert.That(ClientAddress.FromLinuxSocketAddress(sockaddr), Is.EqualTo(ClientAddress.Unknown));
    }

    [TestCase("192.0.2.7")]
    [TestCase("0.0.0.0")]
    [TestCase("255.255.255.255")]
    [TestCase("2001:db8::53")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    public void ToIPAddress_FromIPAddress_RoundTrips(string text)
    {
        IPAddress address = IPAddress.Parse(text);

        Assert.That(ClientAddress.From(address).ToIPAddress(), Is.EqualTo(address));
        Assert.That(ClientAddress.From(address).ToString(), Is.EqualTo(text));
    }

    [Test]
    public void From_IPv4MappedIPv6_EqualsIPv4AndComesBackAsIPv4()
    {
        ClientAddress mapped = ClientAddress.From(IPAddress.Parse("::ffff:192.0.2.7"));

        Assert.That(mapped, Is.EqualTo(ClientAddress.From(IPAddress.Parse("192.0.2.7"))));
        Assert.That(mapped.ToIPAddress(), Is.EqualTo(IPAddress.Parse("192.0.2.7")));
    }

    [Test]
    public void From_IPv4CompatibleIPv6_NotTheIPv4Address()
    {
        // ::192.0.2.7 (deprecated, RFC 4291 §2.5.5.1) lacks the ffff: it is another address.
        Assert.That(ClientAddress.From(IPAddress.Parse("::192.0.2.7")), Is.Not.EqualTo(ClientAddress.From(IPAddress.Parse("192.0.2.7"))));
    }

    [Test]
    public void Unknown_NotKnownAndSaysSo()
    {
        Assert.That(ClientAddress.Unknown.IsKnown, Is.False);
        Assert.That(ClientAddress.Unknown.ToString(), Is.EqualTo("unknown"));
        Assert.That(default(ClientAddress), Is.EqualTo(ClientAddress.Unknown));
    }

    [Test]
    public void IsKnown_AnyIPv4Address_True()
    {
        Assert.That(ClientAddress.From(IPAddress.Any).IsKnown, Is.True, "0.0.0.0 is ::ffff:0.0.0.0, not zero");
    }
}
