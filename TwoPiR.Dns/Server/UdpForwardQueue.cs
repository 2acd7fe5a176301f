using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;

namespace TwoPiR.Dns.Server;

/// <summary>
/// UDP queries waiting for an upstream. The receive loops must never wait on the network, so they
/// queue a copy of the query here and move on; a fixed set of workers forwards each one and sends
/// the reply from the socket the query came in on. When the queue is full, queries are dropped
/// and clients retry, as they would with a busy resolver.
/// </summary>
internal sealed class UdpForwardQueue : BackgroundService
{
    private readonly Channel<PendingQuery> _queue;
    private readonly Forwarder _forwarder;
    private readonly ForwardMetrics _metrics;
    private readonly ILogger<UdpForwardQueue> _logger;
    private readonly LogThrottle _drops;
    private readonly int _workers;
    private readonly int _maxReply;

    /// <summary>Creates the queue.</summary>
    public UdpForwardQueue(
        Forwarder forwarder,
        ForwardMetrics metrics,
        IOptions<ForwardingOptions> options,
        IOptions<DnsServerOptions> serverOptions,
        TimeProvider time,
        ILogger<UdpForwardQueue> logger)
    {
        _forwarder = forwarder;
        _metrics = metrics;
        _logger = logger;
        _drops = new LogThrottle(time, TimeSpan.FromMinutes(1));
        _workers = options.Value.MaxInFlight;
        _maxReply = serverOptions.Value.MaxUdpPayload;
        _queue = Channel.CreateBounded<PendingQuery>(new BoundedChannelOptions(_workers) { SingleReader = false, SingleWriter = false });
    }

    /// <summary>Queues a copy of <paramref name="query"/> from <paramref name="client"/>, to be answered on <paramref name="socket"/>.</summary>
    /// <param name="query">The query, which the handler sent to the forwarder.</param>
    /// <param name="client">Where it came from, which the queue keeps.</param>
    /// <param name="socket">The socket it came in on.</param>
    public void Enqueue(ReadOnlySpan<byte> query, SocketAddress client, Socket socket)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent(query.Length);
        query.CopyTo(copy);
        if (!_queue.Writer.TryWrite(new PendingQuery(copy, query.Length, client, socket)))
        {
            ArrayPool<byte>.Shared.Return(copy);
            _metrics.Dropped();
            if (_drops.TryEnter(out int suppressed))
            {
                DnsLog.ForwardQueueFull(_logger, _workers, suppressed);
            }
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _forwarder.IsEnabled ? Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => WorkAsync(stoppingToken))) : Task.CompletedTask;

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        byte[] reply = ArrayPool<byte>.Shared.Rent(_maxReply);
        try
        {
            await foreach (PendingQuery pending in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    int length = await _forwarder.ForwardAsync(pending.Query.AsMemory(0, pending.Length), reply.AsMemory(0, _maxReply), DnsTransport.Udp, stoppingToken);
                    if (length > 0)
                    {
                        // Synchronous, as the receive loops send on this socket: a UDP send does not wait
                        // for the peer, and concurrent SendToAsync calls with a SocketAddress on one
                        // socket were seen to throw NullReferenceException inside the runtime under load.
                        pending.Socket.SendTo(reply.AsSpan(0, length), SocketFlags.None, pending.Client);
                    }
                }
                catch (SocketException ex)
                {
                    DnsLog.UdpSendFailed(_logger, ex.SocketErrorCode); // a client that vanished: the next query matters more
                }
                catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
                {
                    return; // the listener closed its socket: the server is stopping
                }
#pragma warning disable CA1031 // Ladder step 6: one query's failure is logged, and the worker goes on with the next.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    DnsLog.ForwardingFailed(_logger, ex);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(pending.Query);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reply);
        }
    }

    private sealed record PendingQuery(byte[] Query, int Length, SocketAddress Client, Socket Socket);
}
