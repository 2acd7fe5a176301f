using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Provision.Cluster;

/// <summary>The zone section.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the YAML deserializer.")]
internal sealed class ZoneEntry
{
    /// <summary>The zone file, relative to the cluster file.</summary>
    public string? File { get; set; }

    /// <summary>The record's owner name. Defaults to the site's first server name.</summary>
    public string? Name { get; set; }

    /// <summary>The TTL of the records. Defaults to 30.</summary>
    public uint? Ttl { get; set; }
}
