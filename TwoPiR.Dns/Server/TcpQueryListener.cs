using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Answers;

namespace TwoPiR.Dns.Server;

/// <summary>
/// Serves DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message has a two-octet length prefix,
/// a connection may carry many queries, answered in the order they come; idle connections are
/// closed and the number of connections is capped.
/// </summary>
internal sealed class TcpQueryListener : IDisposable
{
    private const int LengthPrefix = sizeof(ushort);
    private const int MaxMessage = ushort.MaxValue;
    private const int Backlog = 128;

    private readonly Socket _socket;
    private readonly QueryHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeSpan _idleTimeout;
    private readonly int _maxConnections;
    private readonly ConcurrentDictionary<Task, bool> _connections = new();

    private TcpQueryListener(Socket socket, QueryHandler handler, DnsServerOptions options, ILogger logger)
    {
        _socket = socket;
        _handler = handler;
        _logger = logger;
        _idleTimeout = options.TcpIdleTimeout;
        _maxConnections = options.MaxTcpConnections;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port actually bound.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The number of connections being served now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts listening on <paramref name="endpoint"/>.</summary>
    /// <exception cref="SocketException">The address is in use, not local, or needs privileges.</exception>
    public static TcpQueryListener Bind(IPEndPoint endpoint, QueryHandler handler, DnsServerOptions options, ILogger logger)
    {
        Socket socket = new(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            // Lets a restarted server bind at once while old connections sit in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.NoDelay = true;
            socket.Bind(endpoint);
            socket.Listen(Backlog);
            return new TcpQueryListener(socket, handler, options, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Accepts connections until <paramref name="stoppingToken"/> fires, then waits for open ones to end.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Socket client = await _socket.AcceptAsync(stoppingToken);
                if (_connections.Count >= _maxConnections)
                {
                    DnsLog.TcpConnectionLimit(_logger, _maxConnections, client.RemoteEndPoint);
                    client.Dispose();
                    continue;
                }

                Track(ServeAsync(client, stoppingToken));
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

        await Task.WhenAll(_connections.Keys);
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    /// <summary>Keeps an open connection's task until it ends, so a stopping server can wait for it.</summary>
    private void Track(Task connection)
    {
        _connections.TryAdd(connection, true);
        connection.ContinueWith(
            static (done, connections) => ((ConcurrentDictionary<Task, bool>)connections!).TryRemove(done, out _),
            _connections,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ServeAsync(Socket client, CancellationToken stoppingToken)
    {
        EndPoint? remote = client.RemoteEndPoint;
        QueryContext context = new(DnsTransport.Tcp, (remote as IPEndPoint)?.Address);
        byte[] request = ArrayPool<byte>.Shared.Rent(MaxMessage);
        byte[] response = ArrayPool<byte>.Shared.Rent(LengthPrefix + MaxMessage);
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        string reason = "client closed the connection";
        try
        {
            while (true)
            {
                // RFC 7766 §6.2.3: the idle timeout covers the wait for the next query and its arrival.
                deadline.CancelAfter(_idleTimeout);
                if (!await ReceiveExactlyAsync(client, request.AsMemory(0, LengthPrefix), deadline.Token))
                {
                    break;
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(request);
                if (length > 0 && !await ReceiveExactlyAsync(client, request.AsMemory(0, length), deadline.Token))
                {
                    reason = "client closed the connection mid-message";
                    break;
                }

                // A client that stops reading its answers holds a slot as surely as an idle one:
                // every send gets the same deadline as a receive.
                QueryResult result = _handler.Handle(request.AsSpan(0, length), response.AsSpan(LengthPrefix, MaxMessage), context);
                deadline.CancelAfter(_idleTimeout);
                await SendAsync(client, response, result.Length, deadline.Token);
                for (int message; result.Transfer is { } transfer && (message = transfer.WriteNext(response.AsSpan(LengthPrefix, MaxMessage))) > 0;)
                {
                    deadline.CancelAfter(_idleTimeout);
                    await SendAsync(client, response, message, deadline.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = stoppingToken.IsCancellationRequested ? "server stopping" : "idle timeout, or the client stopped reading";
        }
        catch (SocketException ex)
        {
            reason = ex.SocketErrorCode.ToString();
        }
        finally
        {
            DnsLog.TcpConnectionEnded(_logger, remote, reason);
            client.Dispose();
            ArrayPool<byte>.Shared.Return(request);
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    private static async ValueTask SendAsync(Socket client, byte[] buffer, int length, CancellationToken stoppingToken)
    {
        if (length == 0)
        {
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)length);
        int sent = 0;
        while (sent < LengthPrefix + length)
        {
            sent += await client.SendAsync(buffer.AsMemory(sent, LengthPrefix + length - sent), SocketFlags.None, stoppingToken);
        }
    }

    /// <returns><see langword="false"/> when the client closed the connection before the first octet.</returns>
    private static async ValueTask<bool> ReceiveExactlyAsync(Socket client, Memory<byte> buffer, CancellationToken token)
    {
        int received = 0;
        while (received < buffer.Length)
        {
            int read = await client.ReceiveAsync(buffer[received..], SocketFlags.None, token);
            if (read == 0)
            {
                return received == 0 ? false : throw new SocketException((int)SocketError.ConnectionReset);
            }

            received += read;
        }

        return true;
    }
}
