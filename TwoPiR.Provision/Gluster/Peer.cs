namespace TwoPiR.Provision.Gluster;

/// <summary>One entry of <c>gluster pool list</c>: a peer as one node sees it.</summary>
/// <param name="Uuid">The peer's glusterd UUID.</param>
/// <param name="HostNames">Every name and address the peer is known by.</param>
/// <param name="Connected">Whether glusterd has a live connection to it.</param>
/// <param name="State">The state in words, e.g. <c>Peer in Cluster</c>.</param>
internal sealed record Peer(string Uuid, IReadOnlyList<string> HostNames, bool Connected, string State)
{
    /// <summary>The state of a peer that has fully joined.</summary>
    public const string InCluster = "Peer in Cluster";

    /// <summary>Whether this peer is the node itself (pool list names it localhost).</summary>
    public bool IsSelf => HostNames.Contains("localhost", StringComparer.Ordinal);

    /// <summary>Whether the peer is known by <paramref name="name"/>.</summary>
    public bool IsKnownAs(string name) => HostNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the peer has joined and is connected.</summary>
    public bool IsHealthy => Connected && (IsSelf || State == InCluster);
}
