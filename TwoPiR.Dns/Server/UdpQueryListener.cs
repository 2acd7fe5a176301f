using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Answers;

namespace TwoPiR.Dns.Server;

/// <summary>
/// Serves queries on one UDP socket with several receive loops, each with its own buffers
/// rented once, so a datagram costs no allocation (RFC 1035 §4.2.1).
/// </summary>
internal sealed class UdpQueryListener : IDisposable
{
    /// <summary>The largest datagram read; larger queries are cut and then fail to parse.</summary>
    private const int MaxDatagram = ushort.MaxValue;

    // A deep kernel queue absorbs bursts while every loop is busy; Linux caps it at net.core.rmem_max.
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly QueryHandler _handler;
    private readonly ILogger _logger;

    private UdpQueryListener(Socket socket, QueryHandler handler, ILogger logger)
    {
        _socket = socket;
        _handler = handler;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port actually bound.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds a UDP socket to <paramref name="endpoint"/>.</summary>
    /// <exception cref="SocketException">The address is in use, not local, or needs privileges.</exception>
    public static UdpQueryListener Bind(IPEndPoint endpoint, QueryHandler handler, ILogger logger)
    {
        Socket socket = new(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // [::] serves IPv6 only, so 0.0.0.0 on the same port can be listed separately.
                socket.DualMode = false;
            }

            socket.ReceiveBufferSize = ReceiveBufferBytes;
            socket.Bind(endpoint);
            return new UdpQueryListener(socket, handler, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="loops"/> receive loops until <paramref name="stoppingToken"/> fires.</summary>
    public Task RunAsync(int loops, CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(() => ReceiveLoopAsync(stoppingToken), CancellationToken.None)));

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private async Task ReceiveLoopAsync(CancellationToken stoppingToken)
    {
        byte[] request = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        byte[] response = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        SocketAddress client = new(_socket.AddressFamily);
        QueryContext context = new(DnsTransport.Udp);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(request, SocketFlags.None, client, stoppingToken);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // An ICMP error for an earlier reply, or an oversized datagram: the socket is fine.
                    DnsLog.UdpReceiveFailed(_logger, LocalEndPoint, ex.SocketErrorCode);
                    continue;
                }

                int length = _handler.Handle(request.AsSpan(0, received), response.AsSpan(0, MaxDatagram), context).Length;
                if (length > 0)
                {
                    await SendAsync(response.AsMemory(0, length), client, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The socket was closed to stop the loop.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> response, SocketAddress client, CancellationToken stoppingToken)
    {
        try
        {
            await _socket.SendToAsync(response, SocketFlags.None, client, stoppingToken);
        }
        catch (SocketException ex)
        {
            // A client that vanished, or a full send queue: the next query matters more.
            DnsLog.UdpSendFailed(_logger, ex.SocketErrorCode);
        }
    }
}
