using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Provision.Cluster;

/// <summary>The site section.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the YAML deserializer.")]
internal sealed class SiteEntry
{
    /// <summary>The names nginx serves.</summary>
    public List<string>? ServerNames { get; set; }

    /// <summary>The document root, under the mount point. Defaults to MOUNT/www.</summary>
    public string? Root { get; set; }

    /// <summary>The health file's URL path. Defaults to /twopir-health.</summary>
    public string? HealthPath { get; set; }
}
