using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Provision.Cluster;

/// <summary>One node: a name, an address, and optionally its own SSH settings.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the YAML deserializer.")]
internal sealed class NodeEntry : SshEntry
{
    /// <summary>The host name Gluster knows the node by.</summary>
    public string? Name { get; set; }

    /// <summary>The node's address.</summary>
    public string? Address { get; set; }
}
