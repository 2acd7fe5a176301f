using System.Text.RegularExpressions;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Running;
using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Steps;
using TwoPiR.Testing;

namespace TwoPiR.Provision.Tests.Steps;

/// <summary>
/// A cluster file (pi1, pi2, optionally the arbiter arb) read from YAML in a temporary folder that
/// holds a copy of zones/example.com.zone, and a fresh fake Debian node for each, over one Gluster pool.
/// By default each node has a disk at /srv/gluster, so the brick is not on the root filesystem.
/// </summary>
internal sealed partial class StepHarness : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly List<string> _notes = [];

    /// <summary>Creates the cluster and its nodes.</summary>
    public StepHarness(bool arbiter = false, bool allowRootFilesystem = false, bool disks = true, string volumeOptions = "")
    {
        File.Copy(RepositoryFiles.PathOf("zones/example.com.zone"), Path.Combine(_folder.Path, "example.com.zone"));
        string yaml = $"""
            nodes:
              - name: pi1
                address: 192.0.2.11
              - name: pi2
                address: 192.0.2.12
            {(arbiter ? "  - name: arb\n    address: 192.0.2.13\n" : "")}volume:
            {(arbiter ? "  arbiter: arb" : "  replica: 2\n  acceptSplitBrainRisk: true")}
              allowRootFilesystem: {(allowRootFilesystem ? "true" : "false")}
            {volumeOptions}site:
              serverNames: [twopir.example.com]
            zone:
              file: example.com.zone
            """;
        Cluster = ClusterFileReader.Parse(yaml, Path.Combine(_folder.Path, "cluster.yaml"));
        foreach (ClusterNode node in Cluster.Nodes)
        {
            FakeNodeShell shell = Gluster.AddNode(node.Name, node.Address.ToString());
            if (disks)
            {
                shell.AddDisk("/srv/gluster");
            }
        }
    }

    /// <summary>The cluster file's content.</summary>
    public ClusterSpec Cluster { get; }

    /// <summary>The pool the nodes share.</summary>
    public FakeGlusterCluster Gluster { get; } = new();

    /// <summary>The clock; nothing in the fakes waits, so it only moves when a test drives it.</summary>
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The first web node.</summary>
    public FakeNodeShell Pi1 => Gluster.Nodes[0];

    /// <summary>The second web node.</summary>
    public FakeNodeShell Pi2 => Gluster.Nodes[1];

    /// <summary>The arbiter, when there is one.</summary>
    public FakeNodeShell Arb => Gluster.Nodes[2];

    /// <summary>The zone file the zone step edits.</summary>
    public string ZoneFile => Cluster.Zone.File;

    /// <summary>What the steps noted.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The shells by node name, as the provisioner takes them.</summary>
    public IReadOnlyDictionary<string, INodeShell> Shells => Gluster.Nodes.ToDictionary(node => node.Name, node => (INodeShell)node);

    /// <summary>Every command line sent to any node.</summary>
    public IReadOnlyList<string> AllLines => [.. Gluster.Nodes.SelectMany(node => node.Lines)];

    /// <summary>A provisioner over the fakes.</summary>
    public Provisioner CreateProvisioner() => new(Cluster, Shells, Clock, new NullObserver());

    /// <summary>The context of a step on <paramref name="node"/>.</summary>
    public StepContext Context(FakeNodeShell node) =>
        new(Cluster, Cluster.Nodes.Single(spec => spec.Name == node.Name), Shells, Clock, _notes.Add);

    /// <summary>Checks, applies when needed, and checks again, as the provisioner does; failures throw.</summary>
    public async Task<StepOutcome> ConvergeAsync(Step step, FakeNodeShell node, CancellationToken ct)
    {
        StepContext context = Context(node);
        if (await step.IsSatisfiedAsync(context, ct))
        {
            return StepOutcome.Ok;
        }

        await step.ApplyAsync(context, ct);
        return await step.IsSatisfiedAsync(context, ct) ? StepOutcome.Changed : StepOutcome.Failed;
    }

    /// <summary>The nodes a step runs on.</summary>
    public IEnumerable<FakeNodeShell> TargetsOf(Step step) => step.Scope switch
    {
        StepScope.EachNode => Gluster.Nodes,
        StepScope.EachWebNode => Gluster.Nodes.Where(node => !Cluster.Nodes.Single(spec => spec.Name == node.Name).IsArbiter),
        _ => [Pi1],
    };

    /// <summary>Converges every step before the one named <paramref name="stepName"/>, then forgets the commands sent.</summary>
    public async Task PrepareUpToAsync(string stepName, CancellationToken ct)
    {
        foreach (Step step in Provisioner.Steps.TakeWhile(step => step.Name != stepName))
        {
            foreach (FakeNodeShell node in TargetsOf(step))
            {
                StepOutcome outcome = await ConvergeAsync(step, node, ct);
                if (outcome == StepOutcome.Failed)
                {
                    throw new InvalidOperationException($"preparing: {step.Name} did not converge on {node.Name}");
                }
            }
        }

        ForgetCommands();
    }

    /// <summary>Runs the whole provisioner once and requires it to succeed, then forgets the commands sent.</summary>
    public async Task ConvergeAllAsync(CancellationToken ct)
    {
        RunReport report = await CreateProvisioner().ApplyAsync(ct);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException("preparing: " + string.Join("; ", report.Results.Where(result => result.Outcome == StepOutcome.Failed).Select(result => result.Detail)));
        }

        ForgetCommands();
    }

    /// <summary>Forgets the commands every node has run.</summary>
    public void ForgetCommands()
    {
        foreach (FakeNodeShell node in Gluster.Nodes)
        {
            node.ClearCommands();
        }
    }

    /// <summary>Whether a command line changes something (installs, writes, links, creates, sets, probes, mounts, starts).</summary>
    public static bool IsAct(string line) => ActCommand().IsMatch(line);

    /// <summary>Every line of <see cref="AllLines"/> that changes something.</summary>
    public IReadOnlyList<string> ActLines => [.. AllLines.Where(IsAct)];

    /// <summary>Lets a task that waits on <see cref="Clock"/> run to its end, moving the clock a second at a time.</summary>
    public async Task DriveAsync(Task task)
    {
        for (int i = 0; i < 600 && !task.IsCompleted; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        await task;
    }

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();

    [GeneratedRegex(@"apt-get|mkdir|cat >|mv -f|\bln |\brm |\bmount |systemctl (enable|start|reload|daemon-reload)|volume (create|start|set)|peer probe")]
    private static partial Regex ActCommand();

    private sealed class NullObserver : IRunObserver
    {
        public void StepStarted(string target, string step)
        {
        }

        public void StepFinished(StepResult result)
        {
        }

        public void Note(string message)
        {
        }
    }
}
