using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Dns.Zones;

/// <summary>Every zone being served, as one immutable value that a reload swaps whole.</summary>
internal sealed class ZoneSet
{
    private readonly FrozenDictionary<byte[], Zone>.AlternateLookup<ReadOnlySpan<byte>> _byOrigin;

    /// <summary>Creates a set; origins must be distinct.</summary>
    public ZoneSet(IEnumerable<Zone> zones)
    {
        FrozenDictionary<byte[], Zone> byOrigin = zones.ToFrozenDictionary(zone => zone.Origin, WireNameComparer.Instance);
        _byOrigin = byOrigin.GetAlternateLookup<ReadOnlySpan<byte>>();
        Zones = byOrigin.Values;
    }

    /// <summary>No zones at all.</summary>
    public static ZoneSet Empty { get; } = new([]);

    /// <summary>The zones, in no particular order.</summary>
    public IReadOnlyCollection<Zone> Zones { get; }

    /// <summary>Finds the deepest zone that contains <paramref name="name"/>, given in lower-case wire form.</summary>
    /// <param name="name">The name to place.</param>
    /// <param name="zone">The zone whose apex is the longest suffix of the name.</param>
    /// <param name="apexOffset">Where the apex starts inside <paramref name="name"/>.</param>
    public bool TryFind(ReadOnlySpan<byte> name, [MaybeNullWhen(false)] out Zone zone, out int apexOffset)
    {
        for (apexOffset = 0; apexOffset < name.Length; apexOffset += 1 + name[apexOffset])
        {
            if (_byOrigin.TryGetValue(name[apexOffset..], out zone))
            {
                return true;
            }
        }

        zone = null;
        return false;
    }
}
