using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>An immutable snapshot of one loaded zone. A reload builds a new one; queries never see a half-built zone.</summary>
internal sealed class Zone
{
    private readonly FrozenDictionary<byte[], ZoneNode> _nodes;
    private readonly FrozenDictionary<byte[], ZoneNode>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    /// <summary>Creates a zone from its nodes, keyed by lower-cased wire name.</summary>
    public Zone(byte[] origin, string fileName, FrozenDictionary<byte[], ZoneNode> nodes, int recordCount)
    {
        Origin = origin;
        FileName = fileName;
        _nodes = nodes;
        _lookup = nodes.GetAlternateLookup<ReadOnlySpan<byte>>();
        RecordCount = recordCount;
        Apex = nodes[origin];
        Soa = Apex.Find(RecordType.SOA) ?? throw new ArgumentException("a zone needs an SOA record at its apex", nameof(nodes));
        (Serial, uint minimum) = RecordData.ReadSoaTimers(Soa.Records[0]);
        NegativeTtl = Math.Min(Soa.Ttl, minimum);
        Name = DnsName.ToText(origin);
    }

    /// <summary>The apex name in lower-case wire form.</summary>
    public byte[] Origin { get; }

    /// <summary>The apex name in presentation form, for logs.</summary>
    public string Name { get; }

    /// <summary>The zone file this snapshot was read from.</summary>
    public string FileName { get; }

    /// <summary>The apex node.</summary>
    public ZoneNode Apex { get; }

    /// <summary>The apex SOA RRset.</summary>
    public RRset Soa { get; }

    /// <summary>The SOA serial.</summary>
    public uint Serial { get; }

    /// <summary>The TTL of negative answers: the lesser of the SOA's TTL and MINIMUM field (RFC 2308 §3).</summary>
    public uint NegativeTtl { get; }

    /// <summary>The number of records, duplicates merged.</summary>
    public int RecordCount { get; }

    /// <summary>Every node, empty non-terminals included, in no particular order.</summary>
    public IEnumerable<ZoneNode> Nodes => _nodes.Values;

    /// <summary>Finds the node named <paramref name="name"/>, given in lower-case wire form.</summary>
    public bool TryGetNode(ReadOnlySpan<byte> name, [MaybeNullWhen(false)] out ZoneNode node) => _lookup.TryGetValue(name, out node);
}
