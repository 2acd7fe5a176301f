namespace TwoPiR.Dns.Zones;

/// <summary>Holds the zones being served. Readers take one reference per query; a reload swaps it atomically.</summary>
internal sealed class ZoneStore
{
    private ZoneSet _current = ZoneSet.Empty;

    /// <summary>The zones as of now. Read once per query, so the whole answer comes from one snapshot.</summary>
    public ZoneSet Current => Volatile.Read(ref _current);

    /// <summary>Raised after every <see cref="Replace"/>, on the thread that replaced the zones.</summary>
    public event Action<ZoneSet>? Replaced;

    /// <summary>Makes <paramref name="zones"/> the set every new query sees.</summary>
    public void Replace(ZoneSet zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        Volatile.Write(ref _current, zones);
        Replaced?.Invoke(zones);
    }
}
