using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Testing;

/// <summary>One query and its reply over UDP, from a fresh socket on loopback.</summary>
public static class DnsUdpExchange
{
    private const int MaxReply = ushort.MaxValue;

    /// <summary>Sends <paramref name="query"/> to <paramref name="server"/> and waits for the reply.</summary>
    /// <param name="server">The server.</param>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="from">A loopback address to send from, to look like another client; any when null.</param>
    /// <returns>The reply datagram.</returns>
    public static async Task<byte[]> ExchangeAsync(IPEndPoint server, byte[] query, CancellationToken cancellationToken, IPAddress? from = null)
    {
        using Socket socket = new(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(server, cancellationToken);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken);
        byte[] reply = new byte[MaxReply];
        int received = await socket.ReceiveAsync(reply, SocketFlags.None, cancellationToken);
        return reply[..received];
    }
}
