using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Provision.Cluster;

/// <summary>The volume section.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the YAML deserializer.")]
internal sealed class VolumeEntry
{
    /// <summary>The volume name. Defaults to gv0.</summary>
    public string? Name { get; set; }

    /// <summary>The brick directory on each node. Defaults to /srv/gluster/brick.</summary>
    public string? Brick { get; set; }

    /// <summary>2, or 3 with an arbiter.</summary>
    public int? Replica { get; set; }

    /// <summary>The name of the node holding the arbiter brick.</summary>
    public string? Arbiter { get; set; }

    /// <summary>Must be true for plain replica 2, which can split-brain.</summary>
    public bool? AcceptSplitBrainRisk { get; set; }

    /// <summary>Must be true to put bricks on the root filesystem.</summary>
    public bool? AllowRootFilesystem { get; set; }

    /// <summary>Volume options; merged over the defaults.</summary>
    public Dictionary<string, string>? Options { get; set; }
}
