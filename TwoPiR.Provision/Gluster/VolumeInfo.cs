namespace TwoPiR.Provision.Gluster;

/// <summary>A volume as <c>gluster volume info --xml</c> describes it.</summary>
/// <param name="Name">The volume name.</param>
/// <param name="Started">Whether its status is Started.</param>
/// <param name="ReplicaCount">Copies of each file.</param>
/// <param name="ArbiterCount">Arbiter bricks per replica set.</param>
/// <param name="Bricks">Bricks as <c>host:/path</c>, in order.</param>
/// <param name="TypeName">The type in words, e.g. <c>Replicate</c>.</param>
internal sealed record VolumeInfo(string Name, bool Started, int ReplicaCount, int ArbiterCount, IReadOnlyList<string> Bricks, string TypeName);
