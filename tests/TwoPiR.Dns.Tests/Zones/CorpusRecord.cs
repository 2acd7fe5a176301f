using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>One record of a loaded zone, compared the way DNS compares records: names ignore case.</summary>
/// <param name="Owner">The owner name in wire form.</param>
/// <param name="Type">The type.</param>
/// <param name="Ttl">The TTL of its RRset.</param>
/// <param name="Data">The RDATA.</param>
internal sealed record CorpusRecord(byte[] Owner, RecordType Type, uint Ttl, byte[] Data)
{
    /// <summary>Every record of <paramref name="zone"/>, occluded data included.</summary>
    public static List<CorpusRecord> All(Zone zone) =>
    [
        .. zone.Nodes.SelectMany(node => node.RRsets.SelectMany(rrset =>
            rrset.Records.Select(data => new CorpusRecord(node.Name, rrset.Type, rrset.Ttl, data)))),
    ];

    /// <summary>The records of <paramref name="expected"/> that <paramref name="actual"/> lacks, as text, one match used once.</summary>
    public static List<string> Unmatched(IEnumerable<CorpusRecord> expected, IEnumerable<CorpusRecord> actual)
    {
        List<CorpusRecord> remaining = [.. actual];
        List<string> missing = [];
        foreach (CorpusRecord record in expected)
        {
            int match = remaining.FindIndex(record.SameAs);
            if (match < 0)
            {
                missing.Add(record.ToString());
            }
            else
            {
                remaining.RemoveAt(match);
            }
        }

        return missing;
    }

    /// <summary>Same owner (any case), type, TTL and RDATA (<see cref="RecordData.AreEqual"/>).</summary>
    public bool SameAs(CorpusRecord other) =>
        DnsName.EqualsIgnoreCase(Owner, other.Owner)
        && Type == other.Type
        && Ttl == other.Ttl
        && RecordData.AreEqual(Type, Data, other.Data);

    /// <inheritdoc />
    public override string ToString() => $"{DnsName.ToText(Owner)} {Ttl} {Type} {Convert.ToHexString(Data)}";
}
