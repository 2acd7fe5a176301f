using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Forwarding;

/// <summary>
/// Forwards questions outside our zones to the upstream resolvers, for allowed clients that ask
/// for recursion: from the cache when it can, otherwise from the first upstream that answers,
/// in the configured order, skipped ones last.
/// </summary>
internal sealed class Forwarder
{
    // Header, a name, type and class, and an OPT record: well under this.
    private const int MaxUpstreamQuery = 512;
    private const int CompressionEntries = 4;

    private readonly Upstream[] _upstreams;
    private readonly ClientNetworks _allowed;
    private readonly ForwardCache _cache;
    private readonly ForwardMetrics _metrics;
    private readonly DnsMetrics _responses;
    private readonly ILogger<Forwarder> _logger;
    private readonly LogThrottle _failures;
    private readonly ushort _payloadSize;

    /// <summary>Creates the forwarder; with no upstreams configured it forwards nothing.</summary>
    public Forwarder(
        IOptions<ForwardingOptions> options,
        IOptions<DnsServerOptions> serverOptions,
        ForwardCache cache,
        ForwardMetrics metrics,
        DnsMetrics responses,
        TimeProvider time,
        ILogger<Forwarder> logger)
    {
        ForwardingOptions settings = options.Value;
        _upstreams = [.. settings.Upstreams.Select(text => new Upstream(ParseUpstream(text), settings, metrics, time, logger))];
        _allowed = ClientNetworks.Parse(settings.EffectiveAllowRecursion);
        _cache = cache;
        _metrics = metrics;
        _responses = responses;
        _logger = logger;
        _failures = new LogThrottle(time, TimeSpan.FromMinutes(1));
        _payloadSize = (ushort)serverOptions.Value.MaxUdpPayload;
        if (IsEnabled)
        {
            DnsLog.ForwardingOn(logger, settings.Upstreams, settings.EffectiveAllowRecursion, settings.CacheEntries);
        }
    }

    /// <summary>Whether any upstream is configured.</summary>
    public bool IsEnabled => _upstreams.Length > 0;

    /// <summary>Whether <paramref name="client"/> gets recursion: it is set up, and the client is in the allow list.</summary>
    public bool OffersRecursionTo(ClientAddress client) => IsEnabled && _allowed.Contains(client);

    /// <summary>
    /// Whether <paramref name="query"/>, for a name outside every zone, is to be forwarded: RD set,
    /// class IN, not a zone transfer, from a client in the allow list.
    /// </summary>
    public bool Accepts(in DnsQuery query, ClientAddress client) =>
        (query.Header.Flags & HeaderFlags.RecursionDesired) != 0
        && query.Class == RecordClass.IN
        && query.Type is not (RecordType.AXFR or RecordType.IXFR)
        && OffersRecursionTo(client);

    /// <summary>Answers <paramref name="query"/> from the cache, synchronously and without allocating.</summary>
    /// <param name="query">The client's query, one <see cref="Accepts"/> took.</param>
    /// <param name="lowerName">Its name in lower case.</param>
    /// <param name="response">The client's response limit.</param>
    /// <returns>The response's length, or 0 when the cache has no fresh answer.</returns>
    public int TryAnswerFromCache(in DnsQuery query, ReadOnlySpan<byte> lowerName, Span<byte> response)
    {
        Span<byte> key = stackalloc byte[ForwardCache.MaxKeyLength];
        int keyLength = ForwardCache.WriteKey(query, lowerName, key);
        return _cache.TryGet(key[..keyLength], out ForwardedAnswer? answer, out uint ageSeconds)
            ? answer!.WriteReply(query, response, ageSeconds, _payloadSize)
            : 0;
    }

    /// <summary>
    /// Forwards the client's query, caches the answer, and writes the client's reply: the answer,
    /// or SERVFAIL when no upstream gave one.
    /// </summary>
    /// <param name="clientQuery">A query the handler passed on with <see cref="QueryResult.Forward"/>.</param>
    /// <param name="response">At least the client's response limit.</param>
    /// <param name="transport">How the client asked, which limits the reply's size.</param>
    /// <param name="cancellationToken">Stops waiting for upstreams.</param>
    /// <returns>The reply's length; 0 when the query cannot be read after all.</returns>
    public async ValueTask<int> ForwardAsync(ReadOnlyMemory<byte> clientQuery, Memory<byte> response, DnsTransport transport, CancellationToken cancellationToken)
    {
        byte[] upstreamQuery = ArrayPool<byte>.Shared.Rent(MaxUpstreamQuery);
        try
        {
            int length = WriteUpstreamQuery(clientQuery.Span, upstreamQuery);
            if (length == 0)
            {
                return 0;
            }

            ForwardedAnswer? answer = await AskUpstreamsAsync(upstreamQuery.AsMemory(0, length), cancellationToken);
            return Reply(clientQuery.Span, answer, response.Span, transport);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(upstreamQuery);
        }
    }

    private static IPEndPoint ParseUpstream(string text) =>
        AddressText.TryParseServer(text, out IPEndPoint? endpoint) ? endpoint : throw new FormatException($"'{text}' is not ADDRESS or ADDRESS:PORT");

    /// <summary>
    /// The question as the client spelled it, with RD, the client's CD and DO bits, our EDNS size,
    /// and a random ID from a cryptographic source (RFC 5452 §9.2).
    /// </summary>
    private int WriteUpstreamQuery(ReadOnlySpan<byte> clientQuery, Span<byte> destination)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        if (!TryReadClientQuery(clientQuery, name, out DnsQuery query))
        {
            return 0;
        }

        DnsWriter writer = new(destination, stackalloc ushort[CompressionEntries]);
        writer.TryWriteQuestion(query.Name, query.Type, query.Class);
        writer.TryWriteOpt(_payloadSize, ResponseCode.NoError, query.Edns.DnssecOk);
        HeaderFlags flags = HeaderFlags.RecursionDesired | (query.Header.Flags & HeaderFlags.CheckingDisabled);
        return writer.Finish((ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1), flags, OpCode.Query, ResponseCode.NoError);
    }

    private async ValueTask<ForwardedAnswer?> AskUpstreamsAsync(ReadOnlyMemory<byte> query, CancellationToken cancellationToken)
    {
        ForwardedAnswer? unusable = null;
        List<Upstream>? skipped = null;
        foreach (Upstream upstream in _upstreams)
        {
            // Always through the breaker: once SkipFor has passed, only a call lets it half-open and try one query.
            (ForwardedAnswer? answer, UpstreamOutcome outcome) = await TryAsync(upstream, query, guarded: true, cancellationToken);
            if (outcome == UpstreamOutcome.Skipped)
            {
                (skipped ??= []).Add(upstream);
            }
            else if (answer is not null && IsUsable(answer, ref unusable))
            {
                return answer;
            }
        }

        // Every upstream that is not skipped failed: the skipped ones are better than nothing.
        foreach (Upstream upstream in skipped ?? [])
        {
            (ForwardedAnswer? answer, _) = await TryAsync(upstream, query, guarded: false, cancellationToken);
            if (answer is not null && IsUsable(answer, ref unusable))
            {
                return answer;
            }
        }

        if (unusable is null && _failures.TryEnter(out int suppressed))
        {
            DnsLog.ForwardFailed(_logger, _upstreams.Length, suppressed);
        }

        return unusable;
    }

    /// <summary>SERVFAIL and REFUSED send us to the next upstream; the first is kept, to relay if nobody does better.</summary>
    private static bool IsUsable(ForwardedAnswer answer, ref ForwardedAnswer? unusable)
    {
        if (answer.ResponseCode is ResponseCode.ServerFailure or ResponseCode.Refused)
        {
            unusable ??= answer;
            return false;
        }

        return true;
    }

    private async ValueTask<(ForwardedAnswer? Answer, UpstreamOutcome Outcome)> TryAsync(
        Upstream upstream, ReadOnlyMemory<byte> query, bool guarded, CancellationToken cancellationToken)
    {
        UpstreamOutcome outcome;
        ForwardedAnswer? answer = null;
        try
        {
            answer = await upstream.AskAsync(query, guarded, cancellationToken);
            outcome = answer.ResponseCode is ResponseCode.ServerFailure or ResponseCode.Refused ? UpstreamOutcome.Unusable : UpstreamOutcome.Answered;
        }
        catch (BrokenCircuitException)
        {
            outcome = UpstreamOutcome.Skipped;
        }
        catch (TimeoutRejectedException)
        {
            outcome = UpstreamOutcome.TimedOut;
        }
        catch (Exception ex) when (ex is SocketException or UpstreamException)
        {
            DnsLog.UpstreamFailed(_logger, upstream.Endpoint, ex.Message);
            outcome = UpstreamOutcome.Failed;
        }

        _metrics.UpstreamTry(upstream.Endpoint, outcome);
        return (answer, outcome);
    }

    private int Reply(ReadOnlySpan<byte> clientQuery, ForwardedAnswer? answer, Span<byte> response, DnsTransport transport)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        Span<byte> lowerName = stackalloc byte[DnsName.MaxLength];
        Span<byte> key = stackalloc byte[ForwardCache.MaxKeyLength];
        if (!TryReadClientQuery(clientQuery, name, out DnsQuery query))
        {
            return 0;
        }

        Span<byte> limited = response[..QueryHandler.ResponseLimit(query.Edns, transport, _payloadSize, response.Length)];
        int length;
        if (answer is null)
        {
            length = WriteServerFailure(query, limited);
        }
        else
        {
            DnsName.ToLower(query.Name, lowerName);
            _cache.Add(key[..ForwardCache.WriteKey(query, lowerName[..query.Name.Length], key)], answer);
            length = answer.WriteReply(query, limited, 0, _payloadSize);
        }

        _responses.Record(response[..length]);
        return length;
    }

    /// <summary>
    /// Reads the client's query again: the handler's parse lives on its stack, and a ref struct
    /// cannot wait for an upstream.
    /// </summary>
    private static bool TryReadClientQuery(ReadOnlySpan<byte> clientQuery, Span<byte> name, out DnsQuery query)
    {
        query = default;
        return DnsHeader.TryRead(clientQuery, out DnsHeader header) && DnsQuery.TryRead(clientQuery, header, name, out query);
    }

    private int WriteServerFailure(in DnsQuery query, Span<byte> response)
    {
        DnsWriter writer = new(response, stackalloc ushort[CompressionEntries]);
        writer.TryWriteQuestion(query.Name, query.Type, query.Class);
        if (query.Edns.Present)
        {
            writer.TryWriteOpt(_payloadSize, ResponseCode.ServerFailure, query.Edns.DnssecOk);
        }

        HeaderFlags flags = HeaderFlags.Response | HeaderFlags.RecursionAvailable
            | (query.Header.Flags & (HeaderFlags.RecursionDesired | HeaderFlags.CheckingDisabled));
        return writer.Finish(query.Header.Id, flags, OpCode.Query, ResponseCode.ServerFailure);
    }
}
