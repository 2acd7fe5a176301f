using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Checks that no two nodes share a glusterd UUID. An SD card cloned from a configured Pi carries the
/// original's /var/lib/glusterd/glusterd.info, and two peers with one UUID cannot form a cluster. This
/// step only checks: regenerating the UUID means stopping glusterd and moving its state aside, the operator's call.
/// </summary>
internal sealed class DistinctUuidsStep : Step
{
    /// <summary>Where glusterd keeps its identity.</summary>
    public const string InfoFile = "/var/lib/glusterd/glusterd.info";

    private static readonly string s_ask = StepContext.GlusterCommand("pool", "list").Line;

    /// <inheritdoc/>
    public override string Name => "distinct-uuids";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Cluster;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        Dictionary<string, List<string>> owners = new(StringComparer.OrdinalIgnoreCase);
        foreach (ClusterNode node in context.Cluster.Nodes)
        {
            string uuid = await UuidOfAsync(context, node, cancellationToken);
            owners.TryAdd(uuid, []);
            owners[uuid].Add(node.Name);
        }

        foreach ((string uuid, List<string> nodes) in owners.Where(owner => owner.Value.Count > 1))
        {
            throw new StepFailedException($"{string.Join(" and ", nodes)} share the glusterd UUID {uuid}, as SD cards cloned from one another do. "
                + $"Gluster cannot tell them apart. On all but one of them: systemctl stop glusterd, move {InfoFile} aside, "
                + "systemctl start glusterd (a new UUID is made), then run apply again.");
        }

        return true;
    }

    // glusterd writes its identity on its first CLI request, not at start, and a glusterd started a
    // moment ago may not answer yet: ask (pool list only reads) until the file is there, bounded.
    private static async Task<string> UuidOfAsync(StepContext context, ClusterNode node, CancellationToken cancellationToken)
    {
        RemoteCommand read = RemoteCommand.Script($"{s_ask} >/dev/null; cat {InfoFile}");
        string? uuid = null;
        bool found = await context.WaitUntilAsync(
            async () =>
            {
                CommandResult info = await context.ShellOf(node).RunAsync(read, cancellationToken);
                uuid = info.Output.Split('\n').FirstOrDefault(line => line.StartsWith("UUID=", StringComparison.Ordinal))?[5..].Trim();
                return uuid is { Length: > 0 };
            },
            tries: 20,
            TimeSpan.FromMilliseconds(500),
            cancellationToken);
        return found ? uuid! : throw new StepFailedException($"on {node.Name}: {InfoFile} has no UUID after 10 s; is glusterd running (systemctl status glusterd)?");
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [];

    /// <inheritdoc/>
    public override IEnumerable<string> Describe(StepContext context) =>
        [$"(check only) every node's {InfoFile} holds a different UUID"];
}
