namespace TwoPiR.Testing;

/// <summary>A Gluster volume in a <see cref="FakeGlusterCluster"/>: its shape, state, options and files.</summary>
internal sealed class FakeVolume
{
    /// <summary>Creates a volume, not started.</summary>
    public FakeVolume(string name, IEnumerable<string> bricks, int replicaCount, int arbiterCount)
    {
        Name = name;
        Bricks = [.. bricks];
        ReplicaCount = replicaCount;
        ArbiterCount = arbiterCount;
    }

    /// <summary>The volume's name.</summary>
    public string Name { get; }

    /// <summary>A stable id made from the name.</summary>
    public string Id => FakeGlusterCluster.UuidOf("volume " + Name);

    /// <summary>Bricks as <c>host:/path</c>, in order.</summary>
    public List<string> Bricks { get; }

    /// <summary>Copies of each file.</summary>
    public int ReplicaCount { get; }

    /// <summary>Arbiter bricks per replica set.</summary>
    public int ArbiterCount { get; }

    /// <summary>Whether <c>volume start</c> ran.</summary>
    public bool Started { get; set; }

    /// <summary>Bricks whose process is not running although the volume is started.</summary>
    public HashSet<string> OfflineBricks { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Options set with <c>volume set</c>, most recent first, as <c>volume info</c> lists them.</summary>
    public List<KeyValuePair<string, string>> SetOptions { get; } = [];

    /// <summary>What a mount of the volume shows.</summary>
    public FakeFileTree Files { get; } = new();
}
