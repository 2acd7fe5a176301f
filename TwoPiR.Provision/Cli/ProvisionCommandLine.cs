using System.CommandLine;
using Spectre.Console;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Running;
using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Steps;
using TwoPiR.Provision.Verification;

namespace TwoPiR.Provision.Cli;

/// <summary>The command line: <c>plan</c>, <c>apply</c> and <c>verify</c> over a cluster file.</summary>
internal static class ProvisionCommandLine
{
    private const string Description = """
        twopir-provision - set up GlusterFS, nginx and the zone on TwoPiR nodes over SSH

        Reads a cluster file (YAML: the nodes, the replicated volume, the mount point, the site and the
        zone; see deploy/cluster.example.yaml) and brings every node to it through the OpenSSH client:
        packages, glusterd, /etc/hosts, bricks, the trusted pool, the volume and its options, fstab and
        the mount, the nginx site on the volume, and the zone's address records.

        Every step checks first and acts only when needed, so apply can be run again at any time: a run
        that stopped half-way is finished by the next one, and a converged cluster reports every step ok.
        Nothing is ever deleted: an existing volume, brick, fstab line or site file that disagrees with
        the cluster file stops the run with an explanation instead.

        SSH: BatchMode (no password prompts), host keys checked against known_hosts (an unknown key
        stops the run and says how to check and record it), one multiplexed connection per node.

        Exit status: 0 done or all checks passed, 1 a step or check failed, 2 bad command line or
        cluster file (nothing contacted), 130 interrupted.

        Examples:
          twopir-provision plan -f cluster.yaml            what apply would run, without connecting
          twopir-provision plan --live -f cluster.yaml     only what is missing on the nodes now
          twopir-provision apply -f cluster.yaml           converge every node
          twopir-provision verify -f cluster.yaml          prove peers, bricks, replication, heal, nginx, zone
        """;

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(IAnsiConsole console, TimeProvider time)
    {
        Option<FileInfo> file = new("--file", "-f")
        {
            Description = "The cluster file.",
            DefaultValueFactory = _ => new FileInfo("cluster.yaml"),
            Recursive = true,
        };
        Option<bool> verbose = new("--verbose", "-v") { Description = "Print every remote command and its exit status.", Recursive = true };
        Option<bool> live = new("--live") { Description = "Look at the nodes (reading only) and list only the steps that would change something." };

        Command plan = new("plan", "Print, for every node and step, the exact commands apply would run; changes nothing.") { live };
        plan.SetAction((result, token) => RunAsync(console, result.GetValue(file)!, result.GetValue(verbose), (cluster, shells) => PlanAsync(console, cluster, shells, time, result.GetValue(live), token), needsNodes: result.GetValue(live), token));

        Command apply = new("apply", "Converge every node: check each step, act only where needed, re-check. Reports ok, changed or failed per node and step.");
        apply.SetAction((result, token) => RunAsync(console, result.GetValue(file)!, result.GetValue(verbose), (cluster, shells) => ApplyAsync(console, cluster, shells, time, token), needsNodes: true, token));

        Command verify = new("verify", "Prove the cluster end to end: peers, bricks online, a canary replicated to every brick, nothing to heal, no split-brain, same page from every nginx, the zone's records.");
        verify.SetAction((result, token) => RunAsync(console, result.GetValue(file)!, result.GetValue(verbose), (cluster, shells) => VerifyAsync(console, cluster, shells, time, token), needsNodes: true, token));

        return new RootCommand(Description) { file, verbose, plan, apply, verify };
    }

    private static async Task<int> RunAsync(
        IAnsiConsole console, FileInfo file, bool verbose, Func<ClusterSpec, IReadOnlyDictionary<string, INodeShell>, Task<int>> run, bool needsNodes, CancellationToken cancellationToken)
    {
        ClusterSpec cluster;
        try
        {
            cluster = ClusterFileReader.Read(file.FullName == Path.GetFullPath(file.ToString()) ? file.ToString() : file.FullName);
        }
        catch (ClusterFileException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.BadInput;
        }

        DirectoryInfo control = Directory.CreateTempSubdirectory("twopir-ssh-");
        Dictionary<string, OpenSshShell> ssh = cluster.Nodes.ToDictionary(node => node.Name, node => new OpenSshShell(node, control.FullName));
        Dictionary<string, INodeShell> shells = ssh.ToDictionary(pair => pair.Key, pair => verbose ? new TracingShell(pair.Key, pair.Value, console) : (INodeShell)pair.Value);
        try
        {
            return await run(cluster, shells);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]interrupted[/]: what was done stays done; run apply again to finish.");
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (needsNodes)
            {
                await Task.WhenAll(ssh.Values.Select(shell => shell.CloseAsync(CancellationToken.None)));
            }

            control.Delete(recursive: true);
        }
    }

    private static async Task<int> PlanAsync(IAnsiConsole console, ClusterSpec cluster, IReadOnlyDictionary<string, INodeShell> shells, TimeProvider time, bool live, CancellationToken cancellationToken)
    {
        Provisioner provisioner = new(cluster, shells, time, new ConsoleObserver(console));
        IReadOnlyList<PlanEntry> plan = await provisioner.PlanAsync(live, cancellationToken);
        foreach (PlanEntry entry in plan)
        {
            string status = entry.Status.Length > 0 ? $"  [grey]({Markup.Escape(entry.Status)})[/]" : "";
            console.MarkupLine($"[bold]{Markup.Escape(entry.Target)}[/] {Markup.Escape(entry.Step)}{status}");
            foreach (string command in entry.Commands)
            {
                console.WriteLine("    " + command);
            }
        }

        console.MarkupLine(live
            ? $"{plan.Count} step(s) would change something."
            : $"{plan.Count} step(s); each runs only where its check fails (plan --live shows which).");
        return ExitCodes.Success;
    }

    private static async Task<int> ApplyAsync(IAnsiConsole console, ClusterSpec cluster, IReadOnlyDictionary<string, INodeShell> shells, TimeProvider time, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"apply {cluster.Source}: {cluster.Nodes.Count} nodes, volume {cluster.Volume.Name}");
        RunReport report = await new Provisioner(cluster, shells, time, new ConsoleObserver(console)).ApplyAsync(cancellationToken);
        console.MarkupLine($"{report.Count(StepOutcome.Ok)} ok, {report.Count(StepOutcome.Changed)} changed, {report.Count(StepOutcome.Failed)} failed "
            + $"in {report.Elapsed.TotalSeconds:0.0} s, {report.RoundTrips} SSH round trips");
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<int> VerifyAsync(IAnsiConsole console, ClusterSpec cluster, IReadOnlyDictionary<string, INodeShell> shells, TimeProvider time, CancellationToken cancellationToken)
    {
        using HttpClient http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        Verifier verifier = new(cluster, shells, http, time);
        IReadOnlyList<Check> checks = await verifier.VerifyAsync(
            check => console.MarkupLine($"  {(check.Passed ? "[green]pass[/]" : "[red]FAIL[/]")} {Markup.Escape(check.Target.PadRight(10))} {Markup.Escape(check.Name.PadRight(30))} [grey]{Markup.Escape(check.Detail)}[/]"),
            cancellationToken);
        int failed = checks.Count(check => !check.Passed);
        console.MarkupLine($"{checks.Count - failed} passed, {failed} failed");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }
}
