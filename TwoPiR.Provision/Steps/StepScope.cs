namespace TwoPiR.Provision.Steps;

/// <summary>Where a step runs.</summary>
internal enum StepScope
{
    /// <summary>On every node, the arbiter included, in parallel.</summary>
    EachNode,

    /// <summary>On every web node (not the arbiter), in parallel.</summary>
    EachWebNode,

    /// <summary>Once, on the first node, for the whole cluster (Gluster peers, the volume, files on the volume).</summary>
    Cluster,

    /// <summary>On the operator's machine (the zone file).</summary>
    Local,
}
