using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Adds the volume to /etc/fstab, so it is mounted again after a reboot: <c>_netdev</c> waits for
/// the network, <c>backup-volfile-servers</c> lets the mount start while this node's glusterd is not
/// up yet, and <c>x-systemd.requires=glusterd.service</c> orders the mount after glusterd.
/// An entry for the mount point that says something else is the operator's; we stop rather than edit it.
/// </summary>
internal sealed class FstabStep : Step
{
    /// <inheritdoc/>
    public override string Name => "fstab";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachWebNode;

    /// <summary>The fstab line for <paramref name="node"/>: it mounts from itself, with the other nodes as backup.</summary>
    public static string Line(ClusterSpec cluster, ClusterNode node)
    {
        string backups = string.Join(':', cluster.OthersThan(node).Select(other => other.Name));
        return $"{node.Name}:/{cluster.Volume.Name} {cluster.MountPoint} glusterfs defaults,_netdev,backup-volfile-servers={backups},x-systemd.requires=glusterd.service 0 0";
    }

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        CommandResult fstab = await context.MustAsync(RemoteCommand.Of("cat", "/etc/fstab"), cancellationToken);
        string[] wanted = Fields(Line(context.Cluster, context.Node));
        foreach (string line in fstab.Output.Split('\n'))
        {
            string[] fields = Fields(line);
            if (fields.Length >= 2 && !fields[0].StartsWith('#') && fields[1] == context.Cluster.MountPoint)
            {
                return fields.SequenceEqual(wanted)
                    ? true
                    : throw new StepFailedException($"on {context.Node.Name}: /etc/fstab already mounts something at {context.Cluster.MountPoint}: '{line.Trim()}'. "
                        + $"We do not edit entries we did not write; replace it by hand with '{Line(context.Cluster, context.Node)}', or choose another mount point.");
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
    [
        RemoteCommand.Of("mkdir", "-p", context.Cluster.MountPoint),
        StepContext.AppendLines("/etc/fstab", Line(context.Cluster, context.Node) + "\n"),
    ];

    private static string[] Fields(string line) => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
