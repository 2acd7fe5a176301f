using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TwoPiR.Dns.Server;

namespace TwoPiR.Dns.Forwarding;

/// <summary>
/// One upstream resolver: asks it one question over UDP (over TCP when the answer comes back
/// truncated), each try bounded by <see cref="ForwardingOptions.Timeout"/>. Polly's circuit
/// breaker skips it when, within 10 seconds, at least <see cref="ForwardingOptions.SkipAfterFailures"/>
/// tries were made and half or more failed, for <see cref="ForwardingOptions.SkipFor"/>; after that
/// one query tries it again.
/// </summary>
internal sealed class Upstream
{
    private const int MaxMessage = ushort.MaxValue;

    // Polly's breaker looks at this window; the failures have to be recent to count.
    private static readonly TimeSpan s_failureWindow = TimeSpan.FromSeconds(10);

    private readonly ResiliencePipeline<ForwardedAnswer> _guarded;
    private readonly ResiliencePipeline<ForwardedAnswer> _unguarded;
    private readonly CacheLimits _limits;
    private readonly ForwardMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LogThrottle _discards;

    /// <summary>Creates the upstream at <paramref name="endpoint"/>.</summary>
    public Upstream(IPEndPoint endpoint, ForwardingOptions options, ForwardMetrics metrics, TimeProvider time, ILogger logger)
    {
        Endpoint = endpoint;
        _limits = CacheLimits.From(options);
        _metrics = metrics;
        _logger = logger;
        _discards = new LogThrottle(time, TimeSpan.FromMinutes(1));
        _guarded = new ResiliencePipelineBuilder<ForwardedAnswer> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ForwardedAnswer>
            {
                FailureRatio = 0.5,
                MinimumThroughput = options.SkipAfterFailures,
                SamplingDuration = s_failureWindow,
                BreakDuration = options.SkipFor,
                ShouldHandle = new PredicateBuilder<ForwardedAnswer>()
                    .Handle<SocketException>().Handle<TimeoutRejectedException>().Handle<UpstreamException>(),
                OnOpened = args =>
                {
                    DnsLog.UpstreamSkipped(logger, endpoint, args.BreakDuration.TotalSeconds, args.Outcome.Exception?.Message ?? "failing");
                    return default;
                },
                OnClosed = _ =>
                {
                    DnsLog.UpstreamResumed(logger, endpoint);
                    return default;
                },
            })
            .AddTimeout(options.Timeout)
            .Build();
        _unguarded = new ResiliencePipelineBuilder<ForwardedAnswer> { TimeProvider = time }.AddTimeout(options.Timeout).Build();
    }

    /// <summary>Where the upstream listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Asks the question in <paramref name="query"/>, counting the outcome towards skipping the upstream.</summary>
    /// <param name="query">The query, with a fresh random ID.</param>
    /// <param name="guarded"><see langword="false"/> to ask even while the upstream is skipped: the last resort when every other upstream failed.</param>
    /// <param name="cancellationToken">Stops the try.</param>
    /// <exception cref="BrokenCircuitException">The upstream is skipped.</exception>
    /// <exception cref="TimeoutRejectedException">It did not answer in time.</exception>
    /// <exception cref="SocketException">It could not be reached.</exception>
    /// <exception cref="UpstreamException">It answered with something that cannot be relayed.</exception>
    public ValueTask<ForwardedAnswer> AskAsync(ReadOnlyMemory<byte> query, bool guarded, CancellationToken cancellationToken) =>
        (guarded ? _guarded : _unguarded).ExecuteAsync(
            static (state, token) => state.Upstream.ExchangeAsync(state.Query, token), (Upstream: this, Query: query), cancellationToken);

    private async ValueTask<ForwardedAnswer> ExchangeAsync(ReadOnlyMemory<byte> query, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(TcpFraming.LengthPrefix + MaxMessage);
        try
        {
            return await ExchangeUdpAsync(query, buffer, cancellationToken) ?? await ExchangeTcpAsync(query, buffer, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <returns>The answer, or <see langword="null"/> when it came back truncated.</returns>
    private async ValueTask<ForwardedAnswer?> ExchangeUdpAsync(ReadOnlyMemory<byte> query, byte[] buffer, CancellationToken cancellationToken)
    {
        // A fresh socket per question gets a random source port from the kernel, and a connected one
        // takes datagrams from the upstream's address and port only: with the random ID, a spoofer
        // has to guess 32 bits, and the question must match too (RFC 5452 §4, §9.2).
        using Socket socket = new(Endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(Endpoint);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken);
        while (true)
        {
            int received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            switch (ForwardedAnswer.TryRead(buffer.AsSpan(0, received), query.Span, _limits, out ForwardedAnswer? answer))
            {
                case UpstreamReply.Accepted:
                    return answer!;
                case UpstreamReply.Truncated:
                    return null;
                case UpstreamReply.Malformed:
                    throw new UpstreamException("malformed answer over UDP");
                default:
                    _metrics.Discarded(Endpoint);
                    if (_discards.TryEnter(out int suppressed))
                    {
                        DnsLog.UpstreamAnswerDiscarded(_logger, Endpoint, suppressed);
                    }

                    break;
            }
        }
    }

    private async ValueTask<ForwardedAnswer> ExchangeTcpAsync(ReadOnlyMemory<byte> query, byte[] buffer, CancellationToken cancellationToken)
    {
        using Socket socket = new(Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(Endpoint, cancellationToken);
        query.CopyTo(buffer.AsMemory(TcpFraming.LengthPrefix));
        await TcpFraming.SendAsync(socket, buffer, query.Length, cancellationToken);
        if (!await TcpFraming.ReceiveExactlyAsync(socket, buffer.AsMemory(0, TcpFraming.LengthPrefix), cancellationToken))
        {
            throw new UpstreamException("closed the TCP connection without answering");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        await TcpFraming.ReceiveExactlyAsync(socket, buffer.AsMemory(0, length), cancellationToken);
        return ForwardedAnswer.TryRead(buffer.AsSpan(0, length), query.Span, _limits, out ForwardedAnswer? answer) == UpstreamReply.Accepted
            ? answer!
            : throw new UpstreamException("over TCP, an answer that does not match the question, or is malformed or truncated");
    }
}
