using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Joins every node into one trusted pool. The first node probes the others by name; then each of
/// them probes the first back, because a probed node otherwise knows its prober only by address.
/// Joining takes a moment, so the step waits (bounded) for every peer to be connected and "Peer in Cluster".
/// </summary>
internal sealed class PeersStep : Step
{
    private const int JoinTries = 30;
    private static readonly TimeSpan s_joinInterval = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc/>
    public override string Name => "peers";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Cluster;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken) =>
        (await ProblemAsync(context, cancellationToken)) is null;

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
        [.. Others(context).Select(node => StepContext.GlusterCommand("peer", "probe", node.Name))];

    /// <inheritdoc/>
    public override IEnumerable<string> Describe(StepContext context) =>
    [
        .. Commands(context).Select(command => command.ToString()),
        .. Others(context).Select(node => $"on {node.Name}: {StepContext.GlusterCommand("peer", "probe", context.Node.Name)}"),
        $"wait up to {JoinTries * s_joinInterval.TotalSeconds:0} s for every peer to be connected and \"{Peer.InCluster}\"",
    ];

    /// <inheritdoc/>
    public override async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ClusterNode first = context.Node;
        IReadOnlyList<Peer> pool = GlusterXml.Peers(await context.MustGlusterAsync(first, cancellationToken, "pool", "list"));
        foreach (ClusterNode node in Others(context).Where(node => !pool.Any(peer => peer.IsKnownAs(node.Name))))
        {
            await context.MustGlusterAsync(first, cancellationToken, "peer", "probe", node.Name);
        }

        foreach (ClusterNode node in Others(context))
        {
            IReadOnlyList<Peer> theirs = GlusterXml.Peers(await context.MustGlusterAsync(node, cancellationToken, "pool", "list"));
            if (!theirs.Any(peer => peer.IsKnownAs(first.Name)))
            {
                // Probing a peer already in the pool by a new name only records the name.
                await context.MustGlusterAsync(node, cancellationToken, "peer", "probe", first.Name);
            }
        }

        string? problem = null;
        bool joined = await context.WaitUntilAsync(
            async () => (problem = await ProblemAsync(context, cancellationToken)) is null, JoinTries, s_joinInterval, cancellationToken);
        if (!joined)
        {
            throw new StepFailedException($"the peers did not join within {JoinTries * s_joinInterval.TotalSeconds:0} s: {problem}. "
                + "Check that TCP port 24007 is open between the nodes and that glusterd runs on each.");
        }
    }

    private static IEnumerable<ClusterNode> Others(StepContext context) => context.Cluster.OthersThan(context.Node);

    // Every node must see every other by name, connected and in the cluster; null when all is well.
    private static async Task<string?> ProblemAsync(StepContext context, CancellationToken cancellationToken)
    {
        foreach (ClusterNode node in context.Cluster.Nodes)
        {
            GlusterReply reply = await context.GlusterAsync(node, cancellationToken, "pool", "list");
            if (!reply.Succeeded)
            {
                return $"{node.Name} cannot list its pool: {reply.Error}";
            }

            string? problem = ProblemsSeenBy(context.Cluster, node, GlusterXml.Peers(reply)).FirstOrDefault();
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>What is wrong with the pool as <paramref name="node"/> sees it: each other node must be known by name, connected and in the cluster.</summary>
    public static IEnumerable<string> ProblemsSeenBy(ClusterSpec cluster, ClusterNode node, IReadOnlyList<Peer> pool)
    {
        foreach (ClusterNode other in cluster.OthersThan(node))
        {
            Peer? peer = pool.FirstOrDefault(peer => peer.IsKnownAs(other.Name));
            if (peer is null)
            {
                yield return $"{node.Name} does not know {other.Name} by name";
            }
            else if (!peer.IsHealthy)
            {
                yield return $"{node.Name} sees {other.Name} as \"{peer.State}\"{(peer.Connected ? "" : ", disconnected")}";
            }
        }
    }
}
