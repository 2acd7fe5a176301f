using System.Net;
using System.Text;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Makes every other node's name resolve to its address, by adding lines to /etc/hosts. Gluster
/// knows peers and bricks by name, so names must not depend on the LAN's DNS (which may be us).
/// A name that resolves elsewhere already is the operator's to fix: we add, never edit.
/// </summary>
internal sealed class HostsStep : Step
{
    /// <inheritdoc/>
    public override string Name => "hosts";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachNode;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken) =>
        (await MissingAsync(context, cancellationToken)).Count == 0;

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [Append(context.Cluster.OthersThan(context.Node))];

    /// <inheritdoc/>
    public override async Task ApplyAsync(StepContext context, CancellationToken cancellationToken) =>
        await context.MustAsync(Append(await MissingAsync(context, cancellationToken)), cancellationToken);

    private static RemoteCommand Append(IEnumerable<ClusterNode> nodes)
    {
        StringBuilder lines = new();
        foreach (ClusterNode node in nodes)
        {
            lines.Append(node.Address).Append(' ').Append(node.Name).Append('\n');
        }

        return StepContext.AppendLines("/etc/hosts", lines.ToString());
    }


    private static async Task<List<ClusterNode>> MissingAsync(StepContext context, CancellationToken cancellationToken)
    {
        List<ClusterNode> others = [.. context.Cluster.OthersThan(context.Node)];
        string names = ShellQuote.Join(others.Select(node => node.Name));
        // getent follows nsswitch as glusterd will; each name's addresses follow a "== name" line.
        CommandResult result = await context.RunAsync(
            RemoteCommand.Script($"for name in {names}; do echo \"== $name\"; getent ahosts \"$name\"; done"), cancellationToken);
        Dictionary<string, HashSet<string>> resolved = new(StringComparer.OrdinalIgnoreCase);
        HashSet<string>? current = null;
        foreach (string line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                current = resolved[line[3..].Trim()] = [];
            }
            else
            {
                current?.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
            }
        }

        List<ClusterNode> missing = [];
        foreach (ClusterNode node in others)
        {
            HashSet<string> addresses = resolved.GetValueOrDefault(node.Name) ?? [];
            if (addresses.Count == 0)
            {
                missing.Add(node);
            }
            else if (!addresses.Any(address => IPAddress.TryParse(address, out IPAddress? parsed) && parsed.Equals(node.Address)))
            {
                throw new StepFailedException($"on {context.Node.Name}: the name {node.Name} resolves to {string.Join(", ", addresses)}, not {node.Address}. "
                    + "Gluster would talk to the wrong machine. Fix /etc/hosts (or the DNS entry) on that node, or the address in the cluster file.");
            }
        }

        return missing;
    }
}
