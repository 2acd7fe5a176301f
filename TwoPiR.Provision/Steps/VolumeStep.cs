using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Creates the replicated volume: <c>replica 2</c> (acknowledged in the cluster file) or
/// <c>replica 3 arbiter 1</c>. An existing volume that differs from the file, or a brick that already
/// served a volume, stops the run: both mean data we must not touch.
/// </summary>
internal sealed class VolumeStep : Step
{
    /// <summary>The folder Gluster keeps in every brick it has served.</summary>
    public const string BrickMetadata = ".glusterfs";

    /// <inheritdoc/>
    public override string Name => "volume";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Cluster;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        VolumeSpec wanted = context.Cluster.Volume;
        IReadOnlyList<VolumeInfo> volumes = GlusterXml.Volumes(await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "info", "all"));
        List<string> bricks = Bricks(context.Cluster);
        foreach (VolumeInfo other in volumes.Where(volume => volume.Name != wanted.Name))
        {
            string? shared = other.Bricks.FirstOrDefault(brick => bricks.Contains(brick, StringComparer.OrdinalIgnoreCase));
            if (shared is not null)
            {
                throw new StepFailedException($"the brick {shared} already belongs to the volume {other.Name}. We never reuse a brick: "
                    + "choose another volume.brick path, or change volume.name to that volume if it is the one you mean.");
            }
        }

        VolumeInfo? existing = volumes.FirstOrDefault(volume => volume.Name == wanted.Name);
        if (existing is null)
        {
            return false;
        }

        int replica = wanted.Arbiter is null ? 2 : 3;
        int arbiters = wanted.Arbiter is null ? 0 : 1;
        if (!existing.Bricks.SequenceEqual(bricks, StringComparer.OrdinalIgnoreCase) || existing.ReplicaCount != replica || existing.ArbiterCount != arbiters)
        {
            throw new StepFailedException($"the volume {wanted.Name} exists but differs from {context.Cluster.Source}: "
                + $"it is {existing.TypeName} replica {existing.ReplicaCount} arbiter {existing.ArbiterCount} with bricks {string.Join(" ", existing.Bricks)}, "
                + $"the file wants replica {replica} arbiter {arbiters} with bricks {string.Join(" ", bricks)}. "
                + "We do not reshape volumes that hold data: fix the file to match, or migrate the volume by hand.");
        }

        return true;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [Create(context.Cluster, force: false)];

    /// <inheritdoc/>
    public override IEnumerable<string> Describe(StepContext context) =>
        context.Cluster.Volume.AllowRootFilesystem
            ? [.. base.Describe(context), "(with force before --xml when a brick turns out to be on the root filesystem, as volume.allowRootFilesystem allows)"]
            : base.Describe(context);

    /// <inheritdoc/>
    public override async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        bool force = false;
        foreach (ClusterNode node in context.Cluster.Nodes)
        {
            string brick = context.Cluster.Volume.Brick;
            CommandResult used = await context.ShellOf(node).RunAsync(RemoteCommand.Of("test", "-e", brick + "/" + BrickMetadata), cancellationToken);
            if (used.Succeeded)
            {
                throw new StepFailedException($"on {node.Name}: {brick} already holds a Gluster brick ({BrickMetadata} is there), left by another or a deleted volume. "
                    + "We never wipe bricks: move its data somewhere safe and empty it yourself, or choose another volume.brick path.");
            }

            force |= await BrickStep.IsOnRootFilesystemAsync(context.For(node), brick, cancellationToken);
        }

        await context.MustGlusterAsync(context.Node, "already exists", cancellationToken, CreateArguments(context.Cluster, force));
    }

    /// <summary>The bricks in the order the volume lists them: web nodes, then the arbiter.</summary>
    public static List<string> Bricks(ClusterSpec cluster) =>
        [.. cluster.Nodes.Select(node => node.Name + ":" + cluster.Volume.Brick)];

    private static RemoteCommand Create(ClusterSpec cluster, bool force) => StepContext.GlusterCommand(CreateArguments(cluster, force));

    private static string[] CreateArguments(ClusterSpec cluster, bool force)
    {
        string[] shape = cluster.Volume.Arbiter is null ? ["replica", "2"] : ["replica", "3", "arbiter", "1"];
        return ["volume", "create", cluster.Volume.Name, .. shape, .. Bricks(cluster), .. force ? ["force"] : Array.Empty<string>()];
    }
}
