namespace TwoPiR.Provision.Cluster;

/// <summary>The replicated Gluster volume.</summary>
/// <param name="Name">The volume name, e.g. <c>gv0</c>.</param>
/// <param name="Brick">The brick directory on every node, e.g. <c>/srv/gluster/brick</c>.</param>
/// <param name="Arbiter">The node holding the arbiter brick (<c>replica 3 arbiter 1</c>), or <see langword="null"/> for plain replica 2.</param>
/// <param name="AllowRootFilesystem">Whether a brick on the root filesystem is accepted (created with <c>force</c>).</param>
/// <param name="Options">Volume options to set, in file order.</param>
internal sealed record VolumeSpec(
    string Name,
    string Brick,
    ClusterNode? Arbiter,
    bool AllowRootFilesystem,
    IReadOnlyList<KeyValuePair<string, string>> Options);
