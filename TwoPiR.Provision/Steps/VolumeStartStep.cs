using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Starts the volume and sees every brick online. A started volume with a brick process missing
/// (its node rebooted before glusterd settled, say) is started with <c>force</c>, which only starts
/// the missing brick processes.
/// </summary>
internal sealed class VolumeStartStep : Step
{
    private const int OnlineTries = 20;
    private static readonly TimeSpan s_onlineInterval = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc/>
    public override string Name => "volume-start";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Cluster;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken) =>
        await IsStartedAsync(context, cancellationToken) && (await OfflineBricksAsync(context, cancellationToken)).Count == 0;

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
        [StepContext.GlusterCommand("volume", "start", context.Cluster.Volume.Name)];

    /// <inheritdoc/>
    public override async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        string volume = context.Cluster.Volume.Name;
        if (await IsStartedAsync(context, cancellationToken))
        {
            await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "start", volume, "force");
        }
        else
        {
            await context.MustGlusterAsync(context.Node, "already started", cancellationToken, "volume", "start", volume);
        }

        List<string> offline = [];
        if (!await context.WaitUntilAsync(async () => (offline = await OfflineBricksAsync(context, cancellationToken)).Count == 0, OnlineTries, s_onlineInterval, cancellationToken))
        {
            throw new StepFailedException($"these bricks did not come online within {OnlineTries * s_onlineInterval.TotalSeconds:0} s: {string.Join(", ", offline)}; "
                + "see /var/log/glusterfs/bricks/ on their nodes");
        }
    }

    private static async Task<bool> IsStartedAsync(StepContext context, CancellationToken cancellationToken)
    {
        GlusterReply info = await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "info", context.Cluster.Volume.Name);
        return GlusterXml.Volumes(info) is [{ Started: true }, ..];
    }

    private static async Task<List<string>> OfflineBricksAsync(StepContext context, CancellationToken cancellationToken)
    {
        GlusterReply status = await context.GlusterAsync(context.Node, cancellationToken, "volume", "status", context.Cluster.Volume.Name);
        // A volume that cannot report its status has, as far as we can tell, no brick online.
        return status.Succeeded ? OfflineBricks(context.Cluster, GlusterXml.Bricks(status)) : VolumeStep.Bricks(context.Cluster);
    }

    /// <summary>The volume's bricks that <paramref name="bricks"/> (from <c>volume status</c>) does not show online.</summary>
    public static List<string> OfflineBricks(ClusterSpec cluster, IReadOnlyList<BrickStatus> bricks) =>
        [.. VolumeStep.Bricks(cluster).Where(brick => !bricks.Any(status => status.Online && string.Equals(status.Brick, brick, StringComparison.OrdinalIgnoreCase)))];
}
