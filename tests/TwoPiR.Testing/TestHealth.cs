using TwoPiR.Dns.Health;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Testing;

/// <summary>Marks RRsets health-checked, as the probe feed does after a zone load.</summary>
internal static class TestHealth
{
    /// <summary>An index holding <paramref name="rrset"/> with <paramref name="policy"/>.</summary>
    public static CheckedRRsets Checking(RRset rrset, HealthPolicy policy)
    {
        CheckedRRsets index = new();
        index.Replace(new Dictionary<RRset, HealthPolicy> { [rrset] = policy });
        return index;
    }

    /// <summary>An index holding the A RRset of <paramref name="name"/> in <paramref name="zone"/> with <paramref name="policy"/>.</summary>
    public static CheckedRRsets Checking(Zone zone, string name, HealthPolicy policy) =>
        zone.TryGetNode(DnsName.FromHostName(name), out ZoneNode? node) && node.Find(RecordType.A) is { } rrset
            ? Checking(rrset, policy)
            : throw new ArgumentException($"{name} has no A records in the zone", nameof(name));
}
