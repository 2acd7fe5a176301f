using System.Collections.Immutable;
using System.Net;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>The records of one type at one name: immutable, and shared by every query in flight.</summary>
internal sealed class RRset
{
    /// <summary>Creates an RRset of uncompressed RDATA.</summary>
    public RRset(RecordType type, uint ttl, ImmutableArray<byte[]> records)
    {
        Type = type;
        Ttl = ttl;
        Records = records;
        Addresses = type is RecordType.A or RecordType.AAAA
            ? records.Select(data => new IPAddress(data)).ToImmutableArray()
            : [];
    }

    /// <summary>The records' type.</summary>
    public RecordType Type { get; }

    /// <summary>The TTL every record of the set is served with (RFC 2181 §5.2).</summary>
    public uint Ttl { get; }

    /// <summary>Each record's RDATA in uncompressed wire form, in zone-file order.</summary>
    public ImmutableArray<byte[]> Records { get; }

    /// <summary>For A and AAAA, each record as an address (same order), made once so health lookups allocate nothing.</summary>
    public ImmutableArray<IPAddress> Addresses { get; }

    /// <summary>The number of records.</summary>
    public int Count => Records.Length;
}
