using System.Buffers.Binary;
using System.Net.Sockets;

namespace TwoPiR.Dns.Server;

/// <summary>DNS over TCP framing (RFC 1035 §4.2.2): every message is preceded by its length in two octets.</summary>
internal static class TcpFraming
{
    /// <summary>The size of the length prefix.</summary>
    public const int LengthPrefix = sizeof(ushort);

    /// <summary>Sends the <paramref name="length"/> octets after the prefix room at the start of <paramref name="buffer"/>, prefixed.</summary>
    public static async ValueTask SendAsync(Socket socket, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)length);
        int sent = 0;
        while (sent < LengthPrefix + length)
        {
            sent += await socket.SendAsync(buffer.AsMemory(sent, LengthPrefix + length - sent), SocketFlags.None, cancellationToken);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="socket"/>.</summary>
    /// <returns><see langword="false"/> when the peer closed the connection before the first octet.</returns>
    /// <exception cref="SocketException">The peer closed the connection part way.</exception>
    public static async ValueTask<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int received = 0;
        while (received < buffer.Length)
        {
            int read = await socket.ReceiveAsync(buffer[received..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return received == 0 ? false : throw new SocketException((int)SocketError.ConnectionReset);
            }

            received += read;
        }

        return true;
    }
}
