using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>Mounts the volume now, from the fstab entry, so what runs next sees the shared files.</summary>
internal sealed class MountStep : Step
{
    /// <summary>How findmnt names a Gluster FUSE mount.</summary>
    public const string FileSystemType = "fuse.glusterfs";

    /// <inheritdoc/>
    public override string Name => "mount";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachWebNode;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        string mountPoint = context.Cluster.MountPoint;
        CommandResult mounted = await context.RunAsync(FindMount(mountPoint), cancellationToken);
        string[] fields = mounted.Output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            return false;
        }

        string source = fields.Length > 1 ? fields[1] : "";
        return fields[0] == FileSystemType && source.EndsWith(":/" + context.Cluster.Volume.Name, StringComparison.Ordinal)
            ? true
            : throw new StepFailedException($"on {context.Node.Name}: {mountPoint} already has {source} ({fields[0]}) mounted on it; unmount it or choose another mount point");
    }

    /// <summary>Prints the file system type and source mounted at <paramref name="mountPoint"/>, nothing when none is.</summary>
    public static RemoteCommand FindMount(string mountPoint) => RemoteCommand.Of("findmnt", "-n", "-o", "FSTYPE,SOURCE", "--mountpoint", mountPoint);

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [RemoteCommand.Of("mount", context.Cluster.MountPoint)];
}
