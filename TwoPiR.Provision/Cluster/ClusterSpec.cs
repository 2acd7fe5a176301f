namespace TwoPiR.Provision.Cluster;

/// <summary>A checked cluster file: everything the steps need, with nothing left to default.</summary>
/// <param name="Source">The cluster file's path, for messages.</param>
/// <param name="Nodes">Every node, web nodes first in file order, then the arbiter if any.</param>
/// <param name="Volume">The Gluster volume.</param>
/// <param name="MountPoint">Where every web node mounts the volume, e.g. <c>/mnt/gluster1</c>.</param>
/// <param name="Site">The nginx site.</param>
/// <param name="Zone">The DNS zone to write the records into.</param>
internal sealed record ClusterSpec(
    string Source,
    IReadOnlyList<ClusterNode> Nodes,
    VolumeSpec Volume,
    string MountPoint,
    SiteSpec Site,
    ZoneSpec Zone)
{
    /// <summary>The nodes that mount the volume and serve the site.</summary>
    public IEnumerable<ClusterNode> WebNodes => Nodes.Where(node => !node.IsArbiter);

    /// <summary>The node that runs cluster-wide steps and checks: the first web node in the file.</summary>
    public ClusterNode First => Nodes[0];

    /// <summary>Every node but <paramref name="node"/>.</summary>
    public IEnumerable<ClusterNode> OthersThan(ClusterNode node) => Nodes.Where(other => other != node);

    /// <summary>The site's nginx configuration file on the volume.</summary>
    public string SiteConfigOnVolume => MountPoint + "/nginx/twopir.conf";
}
