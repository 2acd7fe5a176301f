using System.Collections.Immutable;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>One name in a zone with its RRsets; an empty non-terminal has none (RFC 4592 §2.2.2).</summary>
internal sealed class ZoneNode
{
    /// <summary>Creates a node.</summary>
    /// <param name="id">A number unique within the zone, used to spot CNAME loops without allocating.</param>
    /// <param name="name">The owner name in wire form, with the case of the zone file.</param>
    /// <param name="rrsets">The node's RRsets, ordered by type.</param>
    /// <param name="isApex">Whether this is the zone's apex.</param>
    public ZoneNode(int id, byte[] name, ImmutableArray<RRset> rrsets, bool isApex)
    {
        Id = id;
        Name = name;
        RRsets = rrsets;
        Cname = Find(RecordType.CNAME);
        IsDelegation = !isApex && Find(RecordType.NS) is not null;
    }

    /// <summary>A number unique within the zone.</summary>
    public int Id { get; }

    /// <summary>The owner name in wire form, with the case of the zone file.</summary>
    public byte[] Name { get; }

    /// <summary>The node's RRsets, ordered by type.</summary>
    public ImmutableArray<RRset> RRsets { get; }

    /// <summary>The node's CNAME RRset, if it is an alias.</summary>
    public RRset? Cname { get; }

    /// <summary>Whether NS records below the apex make this a zone cut (RFC 1034 §4.2.1).</summary>
    public bool IsDelegation { get; }

    /// <summary>Returns the RRset of <paramref name="type"/>, or <see langword="null"/>.</summary>
    public RRset? Find(RecordType type)
    {
        foreach (RRset rrset in RRsets)
        {
            if (rrset.Type == type)
            {
                return rrset;
            }
        }

        return null;
    }
}
