using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
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

    // errno values of Linux (asm-generic/errno-base.h, errno.h).
    private const int TryAgain = 11;
    private const int NotImplemented = 38;

    // A deep kernel queue absorbs bursts while every loop is busy; Linux caps it at net.core.rmem_max.
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;

    // How often an idle loop wakes to notice that the host is stopping.
    private static readonly TimeSpan s_stopCheckInterval = TimeSpan.FromMilliseconds(250);

    // After an unexpected socket error, a loop waits this long, so a lasting fault cannot spin it.
    private static readonly TimeSpan s_errorBackoff = TimeSpan.FromMilliseconds(100);

    private readonly Socket _socket;
    private readonly QueryHandler _handler;
    private readonly UdpForwardQueue _forwards;
    private readonly ILogger _logger;
    private readonly LogThrottle _receiveErrors;

    private UdpQueryListener(Socket socket, QueryHandler handler, UdpForwardQueue forwards, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _handler = handler;
        _forwards = forwards;
        _logger = logger;
        _receiveErrors = new LogThrottle(time, TimeSpan.FromSeconds(10));
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port actually bound.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds a UDP socket to <paramref name="endpoint"/>.</summary>
    /// <exception cref="SocketException">The address is in use, not local, or needs privileges.</exception>
    public static UdpQueryListener Bind(IPEndPoint endpoint, QueryHandler handler, UdpForwardQueue forwards, TimeProvider time, ILogger logger)
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
            return new UdpQueryListener(socket, handler, forwards, time, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="loops"/> receive loops, each on a thread of its own, until
    /// <paramref name="stoppingToken"/> fires.
    /// </summary>
    /// <remarks>
    /// Each loop blocks in the kernel and answers on the same thread: no async state machine,
    /// epoll round trip or thread-pool hop per datagram, which would cost more than the answer.
    /// On Linux a loop moves up to <paramref name="batchSize"/> datagrams per system call.
    /// </remarks>
    public Task RunAsync(int loops, int batchSize, CancellationToken stoppingToken)
    {
        _socket.ReceiveTimeout = (int)s_stopCheckInterval.TotalMilliseconds;
        Action<CancellationToken> loop = batchSize > 1 && UdpBatch.IsSupported ? token => BatchLoop(batchSize, token) : ReceiveLoop;
        return Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Factory.StartNew(
            () => loop(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private void ReceiveLoop(CancellationToken stoppingToken)
    {
        byte[] request = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        byte[] response = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        SocketAddress client = new(_socket.AddressFamily);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (TryReceive(request, client, stoppingToken, out int received))
                {
                    QueryContext context = new(DnsTransport.Udp, ClientAddress.From(client));
                    QueryResult result = _handler.Handle(request.AsSpan(0, received), response.AsSpan(0, MaxDatagram), context);
                    if (result.Length > 0)
                    {
                        Send(response.AsSpan(0, result.Length), client);
                    }
                    else if (result.ToUpstream)
                    {
                        _forwards.Enqueue(request.AsSpan(0, received), Copy(client), _socket);
                    }
                }
            }
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

    private void BatchLoop(int batchSize, CancellationToken stoppingToken)
    {
        if (!TryBatchLoop(batchSize, stoppingToken))
        {
            ReceiveLoop(stoppingToken); // a kernel without recvmmsg: one datagram at a time
        }
    }

    /// <returns><see langword="false"/> when this kernel has no recvmmsg.</returns>
    private bool TryBatchLoop(int batchSize, CancellationToken stoppingToken)
    {
        using UdpBatch batch = new(batchSize, DnsServerOptions.MaxUdpPayloadLimit);
        bool referenced = false;
        try
        {
            // Holds the descriptor open while a call may be blocked on it; Dispose closes it after.
            _socket.SafeHandle.DangerousAddRef(ref referenced);
            int socket = (int)_socket.SafeHandle.DangerousGetHandle();
            while (!stoppingToken.IsCancellationRequested)
            {
                int received = batch.Receive(socket);
                if (received == -NotImplemented)
                {
                    return false;
                }

                if (received < 0)
                {
                    ReportReceiveError(-received, stoppingToken);
                    continue;
                }

                for (int i = 0; i < received; i++)
                {
                    QueryResult result = _handler.Handle(batch.Request(i), batch.Response(i), new QueryContext(DnsTransport.Udp, batch.Sender(i)));
                    if (result.Length > 0)
                    {
                        batch.Reply(i, result.Length);
                    }
                    else if (result.ToUpstream)
                    {
                        _forwards.Enqueue(batch.Request(i), batch.CopySender(i), _socket);
                    }
                }

                if (batch.SendReplies(socket) is int error and not 0)
                {
                    string reason = Marshal.GetPInvokeErrorMessage(error);
                    DnsLog.UdpBatchSendFailed(_logger, error, reason);
                }
            }
        }
        finally
        {
            if (referenced)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }

        return true;
    }

    private void ReportReceiveError(int errno, CancellationToken stoppingToken)
    {
        // EAGAIN: the receive timeout passed on an idle socket, time to look at the stopping token.
        if (errno == TryAgain)
        {
            return;
        }

        if (_receiveErrors.TryEnter(out int suppressed))
        {
            string reason = Marshal.GetPInvokeErrorMessage(errno);
            DnsLog.UdpBatchReceiveFailed(_logger, LocalEndPoint, errno, reason, suppressed);
        }

        stoppingToken.WaitHandle.WaitOne(s_errorBackoff);
    }

    private bool TryReceive(byte[] request, SocketAddress client, CancellationToken stoppingToken, out int received)
    {
        try
        {
            received = _socket.ReceiveFrom(request, SocketFlags.None, client);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
        {
            // Idle: time to look at the stopping token.
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
        {
            // An ICMP error for an earlier reply, or an oversized datagram: the socket is fine.
        }
        catch (SocketException ex)
        {
            // Anything else (out of memory for buffers, say): report, wait a little, and go on listening.
            if (_receiveErrors.TryEnter(out int suppressed))
            {
                DnsLog.UdpReceiveFailed(_logger, LocalEndPoint, ex.SocketErrorCode, suppressed);
            }

            stoppingToken.WaitHandle.WaitOne(s_errorBackoff);
        }

        received = 0;
        return false;
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        SocketAddress copy = new(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    private void Send(ReadOnlySpan<byte> response, SocketAddress client)
    {
        try
        {
            _socket.SendTo(response, SocketFlags.None, client);
        }
        catch (SocketException ex)
        {
            // A client that vanished, or a full send queue: the next query matters more.
            DnsLog.UdpSendFailed(_logger, ex.SocketErrorCode);
        }
    }
}
