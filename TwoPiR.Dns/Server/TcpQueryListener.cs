using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;

namespace TwoPiR.Dns.Server;

/// <summary>
/// Serves DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message has a two-octet length prefix,
/// a connection may carry many queries, answered in the order they come; idle connections are
/// closed, and connections are capped in all and per client address.
/// </summary>
internal sealed class TcpQueryListener : IDisposable
{
    private const int LengthPrefix = TcpFraming.LengthPrefix;
    private const int MaxMessage = ushort.MaxValue;
    private const int Backlog = 128;

    private static readonly TimeSpan s_acceptRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly QueryHandler _handler;
    private readonly Forwarder _forwarder;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly TcpConnectionSlots _slots;
    private readonly LogThrottle _refusals;
    private readonly ConcurrentDictionary<Task, bool> _connections = new();

    private TcpQueryListener(
        Socket socket, QueryHandler handler, Forwarder forwarder, TcpConnectionSlots slots, DnsServerOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _handler = handler;
        _forwarder = forwarder;
        _slots = slots;
        _logger = logger;
        _time = time;
        _idleTimeout = options.TcpIdleTimeout;
        _refusals = new LogThrottle(time, TimeSpan.FromMinutes(1));
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port actually bound.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The number of connections this listener is serving now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts listening on <paramref name="endpoint"/>.</summary>
    /// <exception cref="SocketException">The address is in use, not local, or needs privileges.</exception>
    public static TcpQueryListener Bind(
        IPEndPoint endpoint, QueryHandler handler, Forwarder forwarder, TcpConnectionSlots slots, DnsServerOptions options, TimeProvider time, ILogger logger)
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
            return new TcpQueryListener(socket, handler, forwarder, slots, options, time, logger);
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
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(stoppingToken);
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException)
            {
                break; // the host is stopping
            }
            catch (SocketException ex)
            {
                // Out of file descriptors, say: the listener must outlive it, or TCP is gone for good.
                DnsLog.TcpAcceptFailed(_logger, LocalEndPoint, ex.SocketErrorCode);
                await Task.Delay(s_acceptRetryDelay, _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            Admit(client, stoppingToken);
        }

        await Task.WhenAll(_connections.Keys);
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    /// <summary>Serves <paramref name="client"/> unless it would pass a connection limit.</summary>
    private void Admit(Socket client, CancellationToken stoppingToken)
    {
        IPAddress? address = (client.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        if (_slots.TryTake(address) is { } limit)
        {
            if (_refusals.TryEnter(out int suppressed))
            {
                DnsLog.TcpConnectionLimit(_logger, limit, client.RemoteEndPoint, suppressed);
            }

            client.Dispose();
            return;
        }

        Track(ServeAsync(client, address, stoppingToken));
    }

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

    private async Task ServeAsync(Socket client, IPAddress? address, CancellationToken stoppingToken)
    {
        EndPoint? remote = client.RemoteEndPoint;
        QueryContext context = new(DnsTransport.Tcp, address is null ? ClientAddress.Unknown : ClientAddress.From(address));
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
                if (!await TcpFraming.ReceiveExactlyAsync(client, request.AsMemory(0, LengthPrefix), deadline.Token))
                {
                    break;
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(request);
                if (length > 0 && !await TcpFraming.ReceiveExactlyAsync(client, request.AsMemory(0, length), deadline.Token))
                {
                    reason = "client closed the connection mid-message";
                    break;
                }

                // A client that stops reading its answers holds a slot as surely as an idle one:
                // every send gets the same deadline as a receive.
                QueryResult result = _handler.Handle(request.AsSpan(0, length), response.AsSpan(LengthPrefix, MaxMessage), context);
                int replyLength = result.ToUpstream
                    ? await _forwarder.ForwardAsync(request.AsMemory(0, length), response.AsMemory(LengthPrefix, MaxMessage), DnsTransport.Tcp, deadline.Token)
                    : result.Length;
                deadline.CancelAfter(_idleTimeout);
                if (replyLength > 0)
                {
                    await TcpFraming.SendAsync(client, response, replyLength, deadline.Token);
                }
                for (int message; result.Transfer is { } transfer && (message = transfer.WriteNext(response.AsSpan(LengthPrefix, MaxMessage))) > 0;)
                {
                    deadline.CancelAfter(_idleTimeout);
                    await TcpFraming.SendAsync(client, response, message, deadline.Token);
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
#pragma warning disable CA1031 // One connection's failure is logged and must not end the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DnsLog.TcpConnectionFailed(_logger, remote, ex);
            reason = "failed";
        }
        finally
        {
            DnsLog.TcpConnectionEnded(_logger, remote, reason);
            client.Dispose();
            _slots.Release(address);
            ArrayPool<byte>.Shared.Return(request);
            ArrayPool<byte>.Shared.Return(response);
        }
    }
}
