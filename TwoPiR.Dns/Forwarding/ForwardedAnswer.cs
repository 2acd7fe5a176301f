using System.Buffers.Binary;
using System.Diagnostics;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Forwarding;

/// <summary>
/// An upstream's answer to one question, checked and ready to relay to every client that asks the
/// same question. The upstream's OPT record is hop-by-hop (RFC 6891 §6.1.1), so it and anything
/// after it (TSIG, SIG(0)) are cut off; the place of every TTL is kept so cached copies can age.
/// </summary>
internal sealed class ForwardedAnswer
{
    // RFC 1035 §4.1.3: TTL (32 bits) and RDLENGTH (16 bits) sit just before RDATA.
    private const int TtlBeforeData = sizeof(uint) + sizeof(ushort);

    // RFC 1035 §3.3.13: MINIMUM, the negative caching TTL (RFC 2308 §4), ends the SOA RDATA.
    private const int SoaMinimumSize = sizeof(uint);

    // RFC 2181 §8: a TTL with the top bit set is read as zero.
    private const uint MaxRecordTtl = int.MaxValue;

    private const int CompressionEntries = 4;

    private readonly byte[] _message;
    private readonly ushort[] _ttlOffsets;
    private readonly int _recordsOffset;
    private readonly DnsHeader _header;
    private readonly uint _ttlCap;

    private ForwardedAnswer(byte[] message, ushort[] ttlOffsets, int recordsOffset, DnsHeader header, uint cacheSeconds, uint ttlCap)
    {
        _ttlCap = ttlCap;
        _message = message;
        _ttlOffsets = ttlOffsets;
        _recordsOffset = recordsOffset;
        _header = header;
        CacheSeconds = cacheSeconds;
    }

    /// <summary>The upstream's response code.</summary>
    public ResponseCode ResponseCode => _header.ResponseCode;

    /// <summary>How long the answer may be cached: its smallest TTL, or the negative TTL of RFC 2308 §5; 0 when it must not be.</summary>
    public uint CacheSeconds { get; }

    /// <summary>The size of the answer as kept, in octets.</summary>
    public int Size => _message.Length;

    /// <summary>Reads the datagram or TCP message <paramref name="reply"/> as the answer to <paramref name="sentQuery"/>.</summary>
    /// <param name="reply">What the upstream sent, untrusted.</param>
    /// <param name="sentQuery">The query sent upstream, with its random ID.</param>
    /// <param name="limits">The longest positive and negative caching times.</param>
    /// <param name="answer">The answer, when <see cref="UpstreamReply.Accepted"/>.</param>
    public static UpstreamReply TryRead(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> sentQuery, CacheLimits limits, out ForwardedAnswer? answer)
    {
        answer = null;
        if (!IsReplyTo(reply, sentQuery, out DnsHeader header, out int recordsOffset))
        {
            return UpstreamReply.NotOurs;
        }

        if ((header.Flags & HeaderFlags.Truncated) != 0)
        {
            return UpstreamReply.Truncated;
        }

        int sections = header.AnswerCount + header.AuthorityCount;
        int records = sections + header.AdditionalCount;
        ushort[] ttlOffsets = new ushort[records];
        int kept = 0;
        uint smallestTtl = MaxRecordTtl;
        uint? negativeTtl = null;
        int end = recordsOffset;
        DnsReader reader = new(reply, recordsOffset);
        Span<byte> owner = stackalloc byte[DnsName.MaxLength];
        for (int i = 0; i < records; i++)
        {
            if (!reader.TryReadRecord(owner, out ResourceRecordHeader record, out ReadOnlySpan<byte> data)
                || !HasReadableNames(reply, record, owner))
            {
                return UpstreamReply.Malformed;
            }

            if (record.Type == RecordType.OPT)
            {
                // An extended RCODE lives in the OPT we cut off: an answer that needs one cannot be relayed.
                if (i < sections || (record.Ttl >> 24) != 0)
                {
                    return UpstreamReply.Malformed;
                }

                header = header with { AdditionalCount = (ushort)(i - sections) };
                break;
            }

            uint ttl = record.Ttl > MaxRecordTtl ? 0 : record.Ttl;
            ttlOffsets[kept++] = (ushort)(record.DataOffset - TtlBeforeData);
            smallestTtl = Math.Min(smallestTtl, ttl);
            if (i >= header.AnswerCount && i < sections && record.Type == RecordType.SOA && data.Length > SoaMinimumSize)
            {
                negativeTtl = Math.Min(ttl, BinaryPrimitives.ReadUInt32BigEndian(data[^SoaMinimumSize..]));
            }

            end = reader.Position;
        }

        byte[] message = reply[..end].ToArray();
        foreach (ushort offset in ttlOffsets.AsSpan(0, kept))
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(offset)) > MaxRecordTtl)
            {
                BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(offset), 0);
            }
        }

        // RFC 2308 §5: a negative answer (NXDOMAIN, or NODATA, perhaps at the end of a CNAME chain)
        // lives as long as its SOA's negative TTL, and no longer than any record that came with it.
        bool negative = negativeTtl is not null && header.ResponseCode is ResponseCode.NoError or ResponseCode.NameError;
        uint lifetime = header.ResponseCode switch
        {
            _ when negative => Math.Min(Math.Min(smallestTtl, negativeTtl!.Value), limits.MaxNegativeSeconds),
            ResponseCode.NoError when header.AnswerCount > 0 => Math.Min(smallestTtl, limits.MaxSeconds),
            _ => 0,
        };

        // Clients keep a record no longer than we would (MaxCacheTtl), and a negative answer's SOA
        // goes out with the negative TTL (RFC 2308 §5).
        uint ttlCap = negative ? lifetime : limits.MaxSeconds;
        uint cacheSeconds = message.Length > ForwardCache.MaxMessageSize ? 0 : lifetime;
        answer = new ForwardedAnswer(message, ttlOffsets[..kept], recordsOffset, header, cacheSeconds, ttlCap);
        return UpstreamReply.Accepted;
    }

    /// <summary>
    /// Writes the answer for <paramref name="client"/>: its ID, its question as it spelled it, its
    /// RD and CD bits, RA set, and every TTL capped (at MaxCacheTtl, or at the negative TTL) and lowered by <paramref name="ageSeconds"/>. An answer that
    /// does not fit <paramref name="response"/> goes out empty with TC set, so the client asks over TCP.
    /// </summary>
    /// <param name="client">The client's query.</param>
    /// <param name="response">The client's response limit: 512 octets, its EDNS size, or 65535 over TCP.</param>
    /// <param name="ageSeconds">How long the answer has been cached.</param>
    /// <param name="payloadSize">The EDNS payload size we advertise, when the client used EDNS.</param>
    /// <returns>The length of the response.</returns>
    public int WriteReply(in DnsQuery client, Span<byte> response, uint ageSeconds, ushort payloadSize)
    {
        DnsWriter writer = new(response, stackalloc ushort[CompressionEntries]);
        if (client.Edns.Present)
        {
            writer.Reserve(DnsWriter.OptSize);
        }

        writer.TryWriteQuestion(client.Name, client.Type, client.Class);
        Debug.Assert(writer.Length == _recordsOffset, "the client's question has the upstream's length");
        HeaderFlags flags = ReplyFlags(client.Header.Flags, client.Edns.DnssecOk);
        if (writer.TryWriteRecords(_message.AsSpan(_recordsOffset), _header.AnswerCount, _header.AuthorityCount, _header.AdditionalCount))
        {
            Age(response, ageSeconds);
        }
        else
        {
            flags |= HeaderFlags.Truncated;
        }

        if (client.Edns.Present)
        {
            writer.ReleaseReserve();
            writer.TryWriteOpt(payloadSize, ResponseCode, client.Edns.DnssecOk);
        }

        return writer.Finish(client.Header.Id, flags, OpCode.Query, ResponseCode);
    }

    /// <summary>
    /// RA, because we recursed for the client; AA cleared, because the answer is not ours; AD kept
    /// only for a client that asked for it with AD or DO (RFC 6840 §5.7, §5.8).
    /// </summary>
    private HeaderFlags ReplyFlags(HeaderFlags clientFlags, bool dnssecOk)
    {
        bool wantsAuthenticData = dnssecOk || (clientFlags & HeaderFlags.AuthenticData) != 0;
        return HeaderFlags.Response | HeaderFlags.RecursionAvailable
            | (clientFlags & (HeaderFlags.RecursionDesired | HeaderFlags.CheckingDisabled))
            | (wantsAuthenticData ? _header.Flags & HeaderFlags.AuthenticData : HeaderFlags.None);
    }

    /// <summary>Caps every TTL, then counts it down by the time spent in the cache.</summary>
    private void Age(Span<byte> response, uint ageSeconds)
    {
        foreach (ushort offset in _ttlOffsets)
        {
            Span<byte> ttl = response[offset..];
            uint value = Math.Min(BinaryPrimitives.ReadUInt32BigEndian(ttl), _ttlCap);
            BinaryPrimitives.WriteUInt32BigEndian(ttl, value > ageSeconds ? value - ageSeconds : 0);
        }
    }

    /// <summary>
    /// Whether the names inside the RDATA of the types that hold compressible names (RFC 3597 §4)
    /// can be read, so the client can read them too; other RDATA is relayed as it came.
    /// </summary>
    private static bool HasReadableNames(ReadOnlySpan<byte> reply, in ResourceRecordHeader record, Span<byte> scratch)
    {
        int names = record.Type switch
        {
            RecordType.NS or RecordType.CNAME or RecordType.PTR or RecordType.MX => 1,
            RecordType.SOA => 2,
            _ => 0,
        };
        DnsReader reader = new(reply, record.DataOffset + (record.Type == RecordType.MX ? sizeof(ushort) : 0));
        for (int i = 0; i < names; i++)
        {
            if (!reader.TryReadName(scratch, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="reply"/> is a response to <paramref name="sentQuery"/>: same ID, same question.</summary>
    private static bool IsReplyTo(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> sentQuery, out DnsHeader header, out int recordsOffset)
    {
        recordsOffset = 0;
        if (!DnsHeader.TryRead(reply, out header) || !header.IsResponse || header.OpCode != OpCode.Query || header.QuestionCount != 1
            || BinaryPrimitives.ReadUInt16BigEndian(sentQuery) != header.Id)
        {
            return false;
        }

        Span<byte> sentName = stackalloc byte[DnsName.MaxLength];
        Span<byte> replyName = stackalloc byte[DnsName.MaxLength];
        DnsReader sent = new(sentQuery, DnsHeader.Size);
        DnsReader received = new(reply, DnsHeader.Size);
        if (!sent.TryReadQuestion(sentName, out int sentLength, out RecordType sentType, out RecordClass sentClass)
            || !received.TryReadQuestion(replyName, out int replyLength, out RecordType replyType, out RecordClass replyClass))
        {
            return false;
        }

        recordsOffset = received.Position;
        return replyType == sentType && replyClass == sentClass
            && DnsName.EqualsIgnoreCase(replyName[..replyLength], sentName[..sentLength])
            && recordsOffset == DnsHeader.Size + sentLength + sizeof(uint);
    }
}
