using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Provision.Cluster;

/// <summary>The cluster file as written (YAML, camelCase keys); <see cref="ClusterFileReader"/> checks it into a <see cref="ClusterSpec"/>.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the YAML deserializer.")]
internal sealed class ClusterFile
{
    /// <summary>The nodes, web nodes and an optional arbiter.</summary>
    public List<NodeEntry>? Nodes { get; set; }

    /// <summary>SSH settings every node inherits.</summary>
    public SshEntry? Ssh { get; set; }

    /// <summary>The Gluster volume.</summary>
    public VolumeEntry? Volume { get; set; }

    /// <summary>Where the web nodes mount the volume.</summary>
    public string? Mount { get; set; }

    /// <summary>The nginx site.</summary>
    public SiteEntry? Site { get; set; }

    /// <summary>The zone to write the address records into.</summary>
    public ZoneEntry? Zone { get; set; }
}
