using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// Turns one query into one response, over an immutable zone snapshot, synchronously and without
/// allocating. Bad input walks down the ladder of STYLE.md §5: drop, NOTIMP, FORMERR, REFUSED,
/// then NXDOMAIN/NODATA; an unexpected exception becomes SERVFAIL and the caller's loop lives on.
/// </summary>
internal sealed class QueryHandler
{
    /// <summary>The UDP response limit without EDNS (RFC 1035 §4.2.1).</summary>
    public const int MaxUdpWithoutEdns = 512;

    private const int CompressionEntries = 64;

    private readonly ZoneStore _zones;
    private readonly AnswerBuilder _answers;
    private readonly ErrorReplyBudget _errorBudget;
    private readonly TransferPolicy _transfers;
    private readonly Forwarder _forwarder;
    private readonly ILogger<QueryHandler> _logger;
    private readonly DnsMetrics _metrics;
    private readonly ushort _maxUdpPayload;
    private readonly LogThrottle _refusedTransfers;

    /// <summary>Creates the handler.</summary>
    public QueryHandler(
        ZoneStore zones,
        AnswerBuilder answers,
        ErrorReplyBudget errorBudget,
        TransferPolicy transfers,
        Forwarder forwarder,
        DnsMetrics metrics,
        IOptions<DnsServerOptions> options,
        TimeProvider time,
        ILogger<QueryHandler> logger)
    {
        _refusedTransfers = new LogThrottle(time, TimeSpan.FromMinutes(1));
        _zones = zones;
        _answers = answers;
        _errorBudget = errorBudget;
        _transfers = transfers;
        _forwarder = forwarder;
        _metrics = metrics;
        _logger = logger;
        _maxUdpPayload = (ushort)options.Value.MaxUdpPayload;
    }

    /// <summary>Answers <paramref name="query"/> into <paramref name="response"/>.</summary>
    /// <param name="query">The query as received, untrusted.</param>
    /// <param name="response">At least 65535 octets for TCP, or the UDP payload limit.</param>
    /// <param name="context">How the query arrived.</param>
    /// <returns>What to send: nothing, a response, or a zone transfer.</returns>
    public QueryResult Handle(ReadOnlySpan<byte> query, Span<byte> response, in QueryContext context)
    {
        // Ladder step 1: too short for a header, or a response: drop without a word.
        if (!DnsHeader.TryRead(query, out DnsHeader header) || header.IsResponse)
        {
            return QueryResult.Drop;
        }

        QueryResult result;
        try
        {
            result = Answer(query, header, response, context);
        }
#pragma warning disable CA1031 // Ladder step 6: whatever went wrong, this query gets SERVFAIL and the server goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DnsLog.QueryFailed(_logger, ex);
            result = Reject(header, ResponseCode.ServerFailure, response, context);
        }

        _metrics.Record(response[..result.Length]);
        return result;
    }

    private QueryResult Answer(ReadOnlySpan<byte> message, in DnsHeader header, Span<byte> response, in QueryContext context)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        Span<byte> lowerName = stackalloc byte[DnsName.MaxLength];
        bool readable = DnsQuery.TryRead(message, header, name, out DnsQuery query);
        if (header.OpCode != OpCode.Query)
        {
            // RFC 6891 §7: an EDNS requester gets an OPT back, even with NOTIMP.
            return readable
                ? RejectQuestion(query, ResponseCode.NotImplemented, response, context)
                : Reject(header, ResponseCode.NotImplemented, response, context);
        }

        if (!readable || query.Type == RecordType.OPT)
        {
            return Reject(header, ResponseCode.FormatError, response, context);
        }

        if (query.Edns.Present && query.Edns.Version != 0)
        {
            return RejectQuestion(query, ResponseCode.BadVersion, response, context);
        }

        DnsName.ToLower(query.Name, lowerName);
        ReadOnlySpan<byte> lower = lowerName[..query.Name.Length];
        if (query.Class != RecordClass.IN || !_zones.Current.TryFind(lower, out Zone? zone, out int apexOffset))
        {
            // Our zones always win; only what lies outside them may be forwarded.
            return _forwarder.Accepts(query, context.Client)
                ? AnswerFromCache(query, lower, response, context)
                : RejectQuestion(query, ResponseCode.Refused, response, context);
        }

        if (query.Type is RecordType.AXFR or RecordType.IXFR)
        {
            return Transfer(query, zone, apexOffset, response, context);
        }

        if (query.Type is RecordType.MAILA or RecordType.MAILB)
        {
            return RejectQuestion(query, ResponseCode.NotImplemented, response, context);
        }

        DnsWriter writer = new(response[..ResponseLimit(query.Edns, context.Transport, _maxUdpPayload, response.Length)], stackalloc ushort[CompressionEntries]);
        if (query.Edns.Present)
        {
            writer.Reserve(DnsWriter.OptSize);
        }

        writer.TryWriteQuestion(query.Name, query.Type, query.Class);
        AnswerOutcome outcome = _answers.Write(ref writer, zone, query.Name, lower, apexOffset, query.Type, context.Transport == DnsTransport.Tcp);
        HeaderFlags flags = (outcome.Authoritative ? HeaderFlags.Authoritative : HeaderFlags.None)
            | (outcome.Truncated ? HeaderFlags.Truncated : HeaderFlags.None);
        return new QueryResult(Finish(ref writer, query, flags, outcome.Code, context));
    }

    private QueryResult AnswerFromCache(in DnsQuery query, ReadOnlySpan<byte> lowerName, Span<byte> response, in QueryContext context)
    {
        int length = _forwarder.TryAnswerFromCache(query, lowerName, response[..ResponseLimit(query.Edns, context.Transport, _maxUdpPayload, response.Length)]);
        return length > 0 ? new QueryResult(length) : QueryResult.Forward;
    }

    /// <summary>AXFR, and IXFR answered with a full zone (RFC 1995 §4), over TCP to allowed clients only.</summary>
    private QueryResult Transfer(in DnsQuery query, Zone zone, int apexOffset, Span<byte> response, in QueryContext context)
    {
        if (context.Transport == DnsTransport.Udp)
        {
            // RFC 1995 §2: an IXFR over UDP that cannot be answered in full gets the current SOA,
            // which sends the client to TCP. RFC 5936 §4.2: AXFR is a TCP exchange only.
            return query.Type == RecordType.IXFR && apexOffset == 0
                ? CurrentSoa(query, zone, response, context)
                : RejectQuestion(query, ResponseCode.NotImplemented, response, context);
        }

        if (apexOffset != 0)
        {
            return RejectQuestion(query, ResponseCode.NotAuth, response, context);
        }

        if (!_transfers.IsAllowed(context.Client))
        {
            if (_refusedTransfers.TryEnter(out int suppressed))
            {
                DnsLog.TransferRefused(_logger, zone.Name, context.Client, suppressed);
            }

            return RejectQuestion(query, ResponseCode.Refused, response, context);
        }

        ZoneTransfer transfer = new(zone, query, _maxUdpPayload);
        DnsLog.TransferStarted(_logger, zone.Name, zone.Serial, transfer.RecordCount, context.Client);
        return new QueryResult(0, transfer);
    }

    private QueryResult CurrentSoa(in DnsQuery query, Zone zone, Span<byte> response, in QueryContext context)
    {
        DnsWriter writer = new(response[..ResponseLimit(query.Edns, context.Transport, _maxUdpPayload, response.Length)], stackalloc ushort[CompressionEntries]);
        writer.TryWriteQuestion(query.Name, query.Type, query.Class);
        writer.TryWriteRecord(DnsSection.Answer, zone.Apex.Name, RecordType.SOA, zone.Soa.Ttl, zone.Soa.Records[0]);
        return new QueryResult(Finish(ref writer, query, HeaderFlags.Authoritative, ResponseCode.NoError, context));
    }

    /// <summary>Replies with the header alone: for messages whose question cannot be trusted or understood.</summary>
    private QueryResult Reject(in DnsHeader header, ResponseCode code, Span<byte> response, in QueryContext context)
    {
        if (context.Transport == DnsTransport.Udp && !_errorBudget.TryTake())
        {
            return QueryResult.Drop;
        }

        HeaderFlags flags = HeaderFlags.Response | (header.Flags & (HeaderFlags.RecursionDesired | HeaderFlags.CheckingDisabled)) | RecursionFlag(context);
        new DnsHeader(header.Id, flags, header.OpCode, code, 0, 0, 0, 0).WriteTo(response);
        return new QueryResult(DnsHeader.Size);
    }

    /// <summary>Replies with the question echoed and, if the query had one, an OPT record.</summary>
    private QueryResult RejectQuestion(in DnsQuery query, ResponseCode code, Span<byte> response, in QueryContext context)
    {
        if (context.Transport == DnsTransport.Udp && !_errorBudget.TryTake())
        {
            return QueryResult.Drop;
        }

        DnsWriter writer = new(response[..ResponseLimit(query.Edns, context.Transport, _maxUdpPayload, response.Length)], stackalloc ushort[CompressionEntries]);
        writer.TryWriteQuestion(query.Name, query.Type, query.Class);
        return new QueryResult(Finish(ref writer, query, HeaderFlags.None, code, context));
    }

    private int Finish(ref DnsWriter writer, in DnsQuery query, HeaderFlags flags, ResponseCode code, in QueryContext context)
    {
        if (query.Edns.Present)
        {
            writer.ReleaseReserve();
            writer.TryWriteOpt(_maxUdpPayload, code, query.Edns.DnssecOk);
        }

        flags |= HeaderFlags.Response | (query.Header.Flags & (HeaderFlags.RecursionDesired | HeaderFlags.CheckingDisabled)) | RecursionFlag(context);
        return writer.Finish(query.Header.Id, flags, query.Header.OpCode, code);
    }

    /// <summary>RA tells a client it may ask us anything (RFC 1035 §4.1.1): true when we forward for it.</summary>
    private HeaderFlags RecursionFlag(in QueryContext context) =>
        _forwarder.OffersRecursionTo(context.Client) ? HeaderFlags.RecursionAvailable : HeaderFlags.None;

    /// <summary>
    /// RFC 6891 §6.2.3-6.2.5: over UDP, the requester's payload size, but never below 512 and
    /// never above what we advertise (1232 by default, the DNS Flag Day 2020 size that avoids fragmentation).
    /// </summary>
    /// <param name="edns">The query's EDNS parameters.</param>
    /// <param name="transport">How the query came.</param>
    /// <param name="maxUdpPayload">The payload size we advertise.</param>
    /// <param name="bufferLength">The room there is.</param>
    public static int ResponseLimit(in EdnsRequest edns, DnsTransport transport, int maxUdpPayload, int bufferLength)
    {
        int limit = transport == DnsTransport.Tcp ? ushort.MaxValue
            : edns.Present ? Math.Clamp((int)edns.PayloadSize, MaxUdpWithoutEdns, maxUdpPayload)
            : MaxUdpWithoutEdns;
        return Math.Min(limit, bufferLength);
    }
}
