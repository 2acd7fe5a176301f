using System.Collections.Concurrent;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Running;

/// <summary>
/// Runs the steps in order. Consecutive per-node steps form a phase that runs on all nodes at once
/// (each node's steps in order); cluster-wide and local steps run alone. A failure ends the run after
/// its phase, since later phases build on it; whatever was done stays done, and the next apply goes on from there.
/// </summary>
internal sealed class Provisioner
{
    private readonly ClusterSpec _cluster;
    private readonly IReadOnlyDictionary<string, INodeShell> _shells;
    private readonly TimeProvider _time;
    private readonly IRunObserver _observer;

    /// <summary>Creates a provisioner over a shell per node (keyed by node name).</summary>
    public Provisioner(ClusterSpec cluster, IReadOnlyDictionary<string, INodeShell> shells, TimeProvider time, IRunObserver observer)
    {
        _cluster = cluster;
        _shells = shells;
        _time = time;
        _observer = observer;
    }

    /// <summary>Every step, in the order it runs.</summary>
    public static IReadOnlyList<Step> Steps { get; } =
    [
        new PackagesStep(),
        new ServiceStep("glusterd", StepScope.EachNode),
        new HostsStep(),
        new BrickStep(),
        new DistinctUuidsStep(),
        new PeersStep(),
        new VolumeStep(),
        new VolumeStartStep(),
        new VolumeOptionsStep(),
        new FstabStep(),
        new MountStep(),
        new SiteFilesStep(),
        new NginxSiteStep(),
        new NginxDropInStep(),
        new NginxStep(),
        new ZoneStep(),
    ];

    /// <summary>Converges every node, returning a row per step and target.</summary>
    public async Task<RunReport> ApplyAsync(CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        ConcurrentQueue<StepResult> results = [];
        ConcurrentQueue<string> notes = [];
        foreach (IReadOnlyList<Step> phase in Phases())
        {
            Task[] work = [.. phase.SelectMany(TargetsOf).Distinct().Select(node => RunOnNodeAsync(phase, node, results, notes, cancellationToken))];
            await Task.WhenAll(work);
            if (results.Any(result => result.Outcome == StepOutcome.Failed))
            {
                break;
            }
        }

        return new RunReport([.. results], [.. notes], _time.GetElapsedTime(started), _shells.Values.Sum(shell => shell.RoundTrips));
    }

    /// <summary>
    /// Lists every step and target with the commands it would run. With <paramref name="live"/>, looks
    /// at the nodes (reading only) and keeps only what is missing; a step whose check needs an earlier
    /// step's work is kept, saying so.
    /// </summary>
    public async Task<IReadOnlyList<PlanEntry>> PlanAsync(bool live, CancellationToken cancellationToken)
    {
        List<PlanEntry> plan = [];
        foreach (Step step in Steps)
        {
            foreach (ClusterNode node in TargetsOf(step))
            {
                StepContext context = ContextFor(node, _ => { });
                string status = "";
                if (live)
                {
                    try
                    {
                        if (await step.IsSatisfiedAsync(context, cancellationToken))
                        {
                            continue;
                        }

                        status = "missing";
                    }
                    catch (Exception ex) when (ex is StepFailedException or SshException or GlusterException)
                    {
                        status = "cannot check yet: " + ex.Message;
                    }
                }

                plan.Add(new PlanEntry(TargetName(step, node), step.Name, [.. step.Describe(context)], status));
            }
        }

        return plan;
    }

    /// <summary>The name a step's target goes by in reports.</summary>
    public static string TargetName(Step step, ClusterNode node) => step.Scope switch
    {
        StepScope.Cluster => $"cluster ({node.Name})",
        StepScope.Local => "local",
        _ => node.Name,
    };

    private async Task RunOnNodeAsync(IReadOnlyList<Step> phase, ClusterNode node, ConcurrentQueue<StepResult> results, ConcurrentQueue<string> notes, CancellationToken cancellationToken)
    {
        foreach (Step step in phase.Where(step => TargetsOf(step).Contains(node)))
        {
            StepResult result = await RunStepAsync(step, ContextFor(node, note => { notes.Enqueue(note); _observer.Note(note); }), cancellationToken);
            results.Enqueue(result);
            _observer.StepFinished(result);
            if (result.Outcome == StepOutcome.Failed)
            {
                return;
            }
        }
    }

    private async Task<StepResult> RunStepAsync(Step step, StepContext context, CancellationToken cancellationToken)
    {
        string target = TargetName(step, context.Node);
        _observer.StepStarted(target, step.Name);
        long started = _time.GetTimestamp();
        StepResult Result(StepOutcome outcome, string detail) => new(target, step.Name, outcome, detail, _time.GetElapsedTime(started));
        try
        {
            if (await step.IsSatisfiedAsync(context, cancellationToken))
            {
                return Result(StepOutcome.Ok, "");
            }

            await step.ApplyAsync(context, cancellationToken);
            return await step.IsSatisfiedAsync(context, cancellationToken)
                ? Result(StepOutcome.Changed, "")
                : Result(StepOutcome.Failed, $"{step.Name} ran, but its check still fails on {context.Node.Name}; run plan --live to see what is missing");
        }
        catch (Exception ex) when (ex is StepFailedException or SshException or GlusterException)
        {
            return Result(StepOutcome.Failed, ex.Message);
        }
    }

    private StepContext ContextFor(ClusterNode node, Action<string> note) => new(_cluster, node, _shells, _time, note);

    private IEnumerable<ClusterNode> TargetsOf(Step step) => step.Scope switch
    {
        StepScope.EachNode => _cluster.Nodes,
        StepScope.EachWebNode => _cluster.WebNodes,
        _ => [_cluster.First],
    };

    // Consecutive per-node steps share a phase; each cluster-wide or local step is a phase of its own.
    private static IEnumerable<IReadOnlyList<Step>> Phases()
    {
        List<Step> current = [];
        foreach (Step step in Steps)
        {
            bool perNode = step.Scope is StepScope.EachNode or StepScope.EachWebNode;
            if (current.Count > 0 && (!perNode || current[0].Scope is StepScope.Cluster or StepScope.Local))
            {
                yield return current;
                current = [];
            }

            current.Add(step);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
