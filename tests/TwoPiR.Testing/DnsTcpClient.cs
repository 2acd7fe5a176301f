using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Testing;

/// <summary>A raw DNS-over-TCP connection (RFC 7766) for tests that need control of every octet and of the timing.</summary>
public sealed class DnsTcpClient : IDisposable
{
    private DnsTcpClient(Socket socket) => Socket = socket;

    /// <summary>The connected socket.</summary>
    public Socket Socket { get; }

    /// <summary>Connects to <paramref name="server"/> with Nagle off, so each send leaves at once.</summary>
    /// <param name="server">The server.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <param name="from">A loopback address to connect from, to look like another client; any when null.</param>
    public static async Task<DnsTcpClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken, IPAddress? from = null)
    {
        Socket socket = new(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (from is not null)
            {
                socket.Bind(new IPEndPoint(from, 0));
            }

            await socket.ConnectAsync(server, cancellationToken);
            return new DnsTcpClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="octets"/> as they are: framing is the caller's business.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> octets, CancellationToken cancellationToken)
    {
        int sent = 0;
        while (sent < octets.Length)
        {
            sent += await Socket.SendAsync(octets[sent..], SocketFlags.None, cancellationToken);
        }
    }

    /// <summary>Sends one message with its length prefix.</summary>
    public Task SendAsync(ReadOnlySpan<byte> message, CancellationToken cancellationToken) =>
        SendRawAsync(DnsTcpFraming.Frame(message), cancellationToken);

    /// <summary>Reads one length-prefixed message.</summary>
    /// <returns>The message, or <see langword="null"/> when the server closed the connection.</returns>
    public Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken) => DnsTcpFraming.ReceiveAsync(Socket, cancellationToken);

    /// <summary>Sends <paramref name="query"/> and reads the response.</summary>
    /// <exception cref="EndOfStreamException">The server closed the connection instead of answering.</exception>
    public async Task<byte[]> QueryAsync(byte[] query, CancellationToken cancellationToken)
    {
        await SendAsync(query, cancellationToken);
        return await ReceiveAsync(cancellationToken) ?? throw new EndOfStreamException("the server closed the connection instead of answering");
    }

    /// <summary>Waits until the server closes the connection: an orderly close or a reset.</summary>
    /// <returns><see langword="true"/> when it closed; <see langword="false"/> when it sent data instead.</returns>
    public async Task<bool> WaitForCloseAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1];
        try
        {
            return await Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Socket.Dispose();
}
