using System.Net;
using System.Security.Cryptography;
using System.Text;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Steps;
using TwoPiR.Provision.Zones;

namespace TwoPiR.Provision.Verification;

/// <summary>
/// Proves the cluster works end to end, reading only (the canary file is the one thing it writes):
/// peers, volume and bricks, replication through a canary, heal state, every node's nginx, and the zone.
/// </summary>
internal sealed class Verifier
{
    /// <summary>The file verify writes through one node's mount and reads back from every brick.</summary>
    public const string CanaryName = ".twopir-canary";

    private readonly ClusterSpec _cluster;
    private readonly IReadOnlyDictionary<string, INodeShell> _shells;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier; <paramref name="http"/> fetches the site from each node's address.</summary>
    public Verifier(ClusterSpec cluster, IReadOnlyDictionary<string, INodeShell> shells, HttpClient http, TimeProvider time)
    {
        _cluster = cluster;
        _shells = shells;
        _http = http;
        _time = time;
    }

    /// <summary>Runs every check, in order; a check that cannot run fails with the reason.</summary>
    public async Task<IReadOnlyList<Check>> VerifyAsync(Action<Check> seen, CancellationToken cancellationToken)
    {
        List<Check> checks = [];
        StepContext first = new(_cluster, _cluster.First, _shells, _time, _ => { });
        async Task Run(string name, string target, Func<Task<(bool, string)>> check)
        {
            Check result;
            try
            {
                (bool passed, string detail) = await check();
                result = new Check(name, target, passed, detail);
            }
            catch (Exception ex) when (ex is StepFailedException or SshException or GlusterException or HttpRequestException or TaskCanceledException or IOException
                or Dns.Zones.ZoneFileException)
            {
                result = new Check(name, target, false, ex.Message);
            }

            checks.Add(result);
            seen(result);
        }

        foreach (ClusterNode node in _cluster.Nodes)
        {
            await Run("peers in cluster", node.Name, () => PeersAsync(first.For(node), cancellationToken));
        }

        await Run("volume started, bricks online", "cluster", () => BricksAsync(first, cancellationToken));
        await Run("canary on every brick", "cluster", () => CanaryAsync(first, cancellationToken));
        await Run("nothing to heal", "cluster", () => HealAsync(first, "info", cancellationToken));
        await Run("no split-brain", "cluster", () => HealAsync(first, "info split-brain", cancellationToken));
        foreach (ClusterNode node in _cluster.WebNodes)
        {
            await Run("mounted", node.Name, () => MountedAsync(first.For(node), cancellationToken));
        }

        await Run("nginx serves the site alike", "cluster", () => SiteAsync(cancellationToken));
        await Run("zone has every web node", "local", ZoneAsync);
        return checks;
    }

    private static async Task<(bool, string)> PeersAsync(StepContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Peer> pool = GlusterXml.Peers(await context.MustGlusterAsync(context.Node, cancellationToken, "pool", "list"));
        List<string> problems = [.. PeersStep.ProblemsSeenBy(context.Cluster, context.Node, pool)];
        return problems.Count == 0
            ? (true, $"sees {string.Join(", ", context.Cluster.OthersThan(context.Node).Select(other => other.Name))} connected, {Peer.InCluster}")
            : (false, string.Join("; ", problems));
    }

    private static async Task<(bool, string)> BricksAsync(StepContext context, CancellationToken cancellationToken)
    {
        string volume = context.Cluster.Volume.Name;
        IReadOnlyList<VolumeInfo> info = GlusterXml.Volumes(await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "info", volume));
        if (info is not [{ Started: true }, ..])
        {
            return (false, $"{volume} is not started");
        }

        IReadOnlyList<BrickStatus> bricks = GlusterXml.Bricks(await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "status", volume));
        List<string> offline = VolumeStartStep.OfflineBricks(context.Cluster, bricks);
        return offline.Count == 0 ? (true, $"{volume} started, {bricks.Count} bricks online") : (false, "offline: " + string.Join(", ", offline));
    }

    // Gluster's replication is synchronous: once the write through the mount returns, every brick has the bytes.
    private static async Task<(bool, string)> CanaryAsync(StepContext context, CancellationToken cancellationToken)
    {
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await context.MustAsync(StepContext.WriteFile(context.Cluster.MountPoint + "/" + CanaryName, token + "\n"), cancellationToken);
        List<string> missing = [];
        foreach (ClusterNode node in context.Cluster.Nodes)
        {
            CommandResult read = await context.ShellOf(node).RunAsync(RemoteCommand.Of("cat", context.Cluster.Volume.Brick + "/" + CanaryName), cancellationToken);
            if (read.Output.Trim() != token && !node.IsArbiter)
            {
                missing.Add($"{node.Name} has '{read.Output.Trim()}'");
            }
            else if (node.IsArbiter && !read.Succeeded)
            {
                missing.Add($"{node.Name} (arbiter) has no entry");
            }
        }

        return missing.Count == 0
            ? (true, $"written through {context.Node.Name}:{context.Cluster.MountPoint}, read back on {context.Cluster.Nodes.Count} bricks")
            : (false, string.Join("; ", missing));
    }

    private static async Task<(bool, string)> HealAsync(StepContext context, string what, CancellationToken cancellationToken)
    {
        IReadOnlyList<HealCount> bricks = GlusterXml.Heal(await context.MustGlusterAsync(
            context.Node, cancellationToken, ["volume", "heal", context.Cluster.Volume.Name, .. what.Split(' ')]));
        List<string> pending = [.. bricks.Where(brick => brick.Entries != 0).Select(brick => $"{brick.Brick}: {(brick.Entries < 0 ? brick.Status : brick.Entries + " entries")}")];
        return bricks.Count > 0 && pending.Count == 0 ? (true, $"0 entries on {bricks.Count} bricks") : (false, bricks.Count == 0 ? "no bricks answered" : string.Join("; ", pending));
    }

    private static async Task<(bool, string)> MountedAsync(StepContext context, CancellationToken cancellationToken)
    {
        CommandResult result = await context.RunAsync(MountStep.FindMount(context.Cluster.MountPoint), cancellationToken);
        string seen = result.Output.Trim();
        return (seen.StartsWith(MountStep.FileSystemType, StringComparison.Ordinal), seen.Length > 0 ? $"{context.Cluster.MountPoint}: {seen}" : $"{context.Cluster.MountPoint} is not mounted");
    }

    private async Task<(bool, string)> SiteAsync(CancellationToken cancellationToken)
    {
        string host = _cluster.Site.ServerNames[0];
        Dictionary<string, string> bodies = [];
        List<string> problems = [];
        foreach (ClusterNode node in _cluster.WebNodes)
        {
            foreach (string path in new[] { "/", _cluster.Site.HealthPath })
            {
                using HttpRequestMessage request = new(HttpMethod.Get, new Uri($"http://{new IPEndPoint(node.Address, 80)}{path}"));
                request.Headers.Host = host;
                using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
                string body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"{node.Name} answered {(int)response.StatusCode} for {path}");
                }
                else if (path == "/")
                {
                    bodies[node.Name] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..12];
                }
            }
        }

        if (bodies.Values.Distinct().Count() > 1)
        {
            problems.Add("the bodies differ: " + string.Join(", ", bodies.Select(body => $"{body.Key} sha256 {body.Value}")));
        }

        return problems.Count == 0
            ? (true, $"200 for Host {host} on {string.Join(", ", bodies.Keys)}, same body (sha256 {bodies.Values.FirstOrDefault()}), health file 200")
            : (false, string.Join("; ", problems));
    }

    private Task<(bool, string)> ZoneAsync()
    {
        SiteRecords records = new(_cluster.Zone.File, _cluster.Zone.RecordName);
        (IReadOnlyList<IPAddress> addresses, uint serial) = records.Read();
        List<IPAddress> missing = [.. _cluster.WebNodes.Select(node => node.Address).Where(address => !addresses.Contains(address))];
        (bool, string) result = missing.Count == 0
            ? (true, $"{records.Owner} has {string.Join(", ", addresses)} (serial {serial})")
            : (false, $"{records.Owner} lacks {string.Join(", ", missing)}; run apply");
        return Task.FromResult(result);
    }
}
