using System.Net;
using System.Net.Sockets;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Server;

namespace TwoPiR.Dns.Tests.Server;

/// <summary>UdpBatch on real loopback sockets: who sent each datagram, as a client address and as a socket address to reply to later.</summary>
[Platform(Include = "Linux")] // recvmmsg and sendmmsg
public sealed class UdpBatchTests
{
    [TestCase("127.0.0.1", "127.0.0.1", false)]
    [TestCase("::1", "::1", false)]
    [TestCase("::ffff:127.0.0.1", "127.0.0.1", true)] // an IPv4 client on a dual-stack socket arrives as ::ffff:127.0.0.1
    public void Sender_OneDatagram_TheClientsAddress(string listen, string from, bool dualMode)
    {
        using Socket server = Bind(IPAddress.Parse(listen), dualMode);
        using Socket client = Bind(IPAddress.Parse(from), dualMode: false);
        client.SendTo([0x01, 0x02, 0x03], LoopbackOf(server, client.AddressFamily));
        using UdpBatch batch = new(capacity: 4, slotSize: 512);

        int received = batch.Receive((int)server.SafeHandle.DangerousGetHandle());

        Assert.That(received, Is.EqualTo(1));
        Assert.That(batch.Request(0).ToArray(), Is.EqualTo(new byte[] { 0x01, 0x02, 0x03 }));
        Assert.That(batch.Sender(0), Is.EqualTo(ClientAddress.From(IPAddress.Parse(from))));
    }

    [TestCase("127.0.0.1", "127.0.0.1", false)]
    [TestCase("::1", "::1", false)]
    [TestCase("::ffff:127.0.0.1", "127.0.0.1", true)]
    public void CopySender_OneDatagram_SocketAddressThatRepliesReachTheClient(string listen, string from, bool dualMode)
    {
        using Socket server = Bind(IPAddress.Parse(listen), dualMode);
        using Socket client = Bind(IPAddress.Parse(from), dualMode: false);
        client.SendTo([0x01], LoopbackOf(server, client.AddressFamily));
        using UdpBatch batch = new(capacity: 4, slotSize: 512);
        batch.Receive((int)server.SafeHandle.DangerousGetHandle());

        SocketAddress copy = batch.CopySender(0);
        server.SendTo([0x02], SocketFlags.None, copy);

        byte[] reply = new byte[16];
        Assert.That(client.Receive(reply), Is.EqualTo(1));
        Assert.That(reply[0], Is.EqualTo(0x02));
        Assert.That(ClientAddress.From(copy), Is.EqualTo(batch.Sender(0)));
    }

    [Test]
    public void SendReplies_QueuedReply_GoesToTheSender()
    {
        using Socket server = Bind(IPAddress.Loopback, dualMode: false);
        using Socket client = Bind(IPAddress.Loopback, dualMode: false);
        client.SendTo([0x01], server.LocalEndPoint!);
        using UdpBatch batch = new(capacity: 4, slotSize: 512);
        int socket = (int)server.SafeHandle.DangerousGetHandle();
        batch.Receive(socket);

        batch.Response(0)[..2].Fill(0xAB);
        batch.Reply(0, 2);
        int error = batch.SendReplies(socket);

        byte[] reply = new byte[16];
        Assert.That(error, Is.EqualTo(0));
        Assert.That(reply[..client.Receive(reply)], Is.EqualTo(new byte[] { 0xAB, 0xAB }));
    }

    private static Socket Bind(IPAddress address, bool dualMode)
    {
        // A receive timeout, so a datagram that never comes fails the test instead of hanging it.
        Socket socket = new(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
        if (dualMode)
        {
            socket.DualMode = true;
        }

        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    /// <summary>Where a client of <paramref name="family"/> reaches <paramref name="server"/> on loopback.</summary>
    private static IPEndPoint LoopbackOf(Socket server, AddressFamily family) =>
        new(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, ((IPEndPoint)server.LocalEndPoint!).Port);
}
