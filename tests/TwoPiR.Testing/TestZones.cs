using TwoPiR.Dns.Zones;

namespace TwoPiR.Testing;

/// <summary>Builds zones from zone-file text, through the real parser.</summary>
internal static class TestZones
{
    /// <summary>Parses <paramref name="text"/> as the zone file of <paramref name="origin"/>.</summary>
    public static Zone Load(string text, string origin = "example.com")
    {
        using TempDirectory directory = new();
        directory.Write(origin + ZoneFile.Extension, text);
        return ZoneFile.Load(directory.Path, origin + ZoneFile.Extension, []).Zone;
    }

    /// <summary>A store serving <paramref name="zones"/>.</summary>
    public static ZoneStore Store(params Zone[] zones)
    {
        ZoneStore store = new();
        store.Replace(new ZoneSet(zones));
        return store;
    }
}
