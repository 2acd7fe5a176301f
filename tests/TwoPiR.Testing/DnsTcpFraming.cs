using System.Buffers.Binary;
using System.Net.Sockets;

namespace TwoPiR.Testing;

/// <summary>DNS over TCP framing (RFC 1035 §4.2.2): every message carries a two-octet length prefix.</summary>
public static class DnsTcpFraming
{
    /// <summary>Returns <paramref name="message"/> with its length prefix.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        byte[] framed = new byte[sizeof(ushort) + message.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed.AsSpan(sizeof(ushort)));
        return framed;
    }

    /// <summary>Reads one length-prefixed message.</summary>
    /// <returns>The message, or <see langword="null"/> when the peer closed the connection before its first octet.</returns>
    /// <exception cref="EndOfStreamException">The peer closed the connection in the middle of a message.</exception>
    public static async Task<byte[]?> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        byte[] prefix = new byte[sizeof(ushort)];
        if (!await ReceiveExactlyAsync(socket, prefix, cancellationToken))
        {
            return null;
        }

        byte[] message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return await ReceiveExactlyAsync(socket, message, cancellationToken)
            ? message
            : throw new EndOfStreamException("the connection closed inside a message");
    }

    private static async Task<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int received = 0;
        while (received < buffer.Length)
        {
            int read = await socket.ReceiveAsync(buffer[received..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return received == 0 ? false : throw new EndOfStreamException("the connection closed inside a message");
            }

            received += read;
        }

        return true;
    }
}
