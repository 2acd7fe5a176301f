using TwoPiR.Provision.Running;
using TwoPiR.Provision.Steps;
using TwoPiR.Provision.Tests.Steps;

namespace TwoPiR.Provision.Tests.Running;

[TestFixture]
public sealed class ProvisionerTests
{
    private static readonly string[] s_perNode = ["packages", "glusterd", "hosts", "brick"];

    [Test, CancelAfter(10_000)]
    public async Task Apply_FreshTwoNodes_ChangesEverythingButTheUuidCheck(CancellationToken ct)
    {
        using StepHarness h = new();

        RunReport report = await h.CreateProvisioner().ApplyAsync(ct);

        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Results.Select(result => result.Detail)));
        Assert.That((report.Results.Count, report.Count(StepOutcome.Changed), report.Count(StepOutcome.Ok)), Is.EqualTo((25, 24, 1)));
        Assert.That(report.Results.Single(result => result.Outcome == StepOutcome.Ok).Step, Is.EqualTo("distinct-uuids"));
        Assert.That(report.RoundTrips, Is.EqualTo(h.AllLines.Count));
    }

    [Test, CancelAfter(10_000)]
    public async Task Apply_SecondRun_AllOkAndOnlyChecks(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.ConvergeAllAsync(ct);

        RunReport report = await h.CreateProvisioner().ApplyAsync(ct);

        Assert.That((report.Results.Count, report.Count(StepOutcome.Ok)), Is.EqualTo((25, 25)));
        Assert.That(h.ActLines, Is.Empty);
        Assert.That(report.RoundTrips, Is.EqualTo(h.AllLines.Count));
    }

    [Test, CancelAfter(10_000)]
    public async Task Apply_PerNodeSteps_RunOnBothNodes(CancellationToken ct)
    {
        using StepHarness h = new();

        RunReport report = await h.CreateProvisioner().ApplyAsync(ct);

        string[] perNode = [.. s_perNode, "fstab", "mount", "nginx-site", "nginx-after-mount", "nginx"];
        foreach (string step in perNode)
        {
            Assert.That(report.Results.Where(result => result.Step == step).Select(result => result.Target), Is.EquivalentTo(new[] { "pi1", "pi2" }), step);
        }

        Assert.That(report.Results.Where(result => result.Step == "volume").Select(result => result.Target), Is.EqualTo(new[] { "cluster (pi1)" }));
        Assert.That(report.Results.Where(result => result.Step == "zone").Select(result => result.Target), Is.EqualTo(new[] { "local" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Apply_AptFailsOnOneNode_StopsAfterThePhaseNamingNodeStepCommandAndStderr(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi2.FailWhen(line => line.Contains("apt-get install", StringComparison.Ordinal), exitCode: 100, stderr: "E: Could not get lock /var/lib/dpkg/lock-frontend\n");

        RunReport report = await h.CreateProvisioner().ApplyAsync(ct);

        StepResult failed = report.Results.Single(result => result.Outcome == StepOutcome.Failed);
        Assert.That((failed.Target, failed.Step), Is.EqualTo(("pi2", "packages")));
        Assert.That(failed.Detail, Is.EqualTo("on pi2: `env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold glusterfs-server nginx curl` "
            + "exited 100: E: Could not get lock /var/lib/dpkg/lock-frontend"));
        Assert.That(report.Results.Where(result => result.Target == "pi1").Select(result => result.Step), Is.EqualTo(s_perNode), "pi1 finishes its phase");
        Assert.That(report.Results.Where(result => result.Target == "pi2").Select(result => result.Step), Is.EqualTo(new[] { "packages" }));
        Assert.That(h.AllLines.Where(line => line.Contains("--mode=script", StringComparison.Ordinal)), Is.Empty, "no later phase ran");
    }

    [Test, CancelAfter(10_000)]
    public async Task Apply_AfterAFailedRun_FinishesTheJob(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi2.FailWhen(line => line == "mount /mnt/gluster1", exitCode: 32, stderr: "mount: /mnt/gluster1: mount(2) system call failed: Stale file handle.\n");
        RunReport first = await h.CreateProvisioner().ApplyAsync(ct);
        h.Pi2.ClearFaults();

        RunReport second = await h.CreateProvisioner().ApplyAsync(ct);

        Assert.That(first.Results.Where(result => result.Outcome == StepOutcome.Failed).Select(result => (result.Target, result.Step)),
            Is.EqualTo(new[] { ("pi2", "mount") }));
        Assert.That(first.Results.Any(result => result.Step is "site-files" or "nginx" or "zone"), Is.False);
        Assert.That(second.Succeeded, Is.True);
        Assert.That(second.Results.Where(result => result.Outcome == StepOutcome.Changed).Select(result => $"{result.Target} {result.Step}"), Is.EquivalentTo(new[]
        {
            "pi2 mount", "cluster (pi1) site-files", "pi1 nginx-site", "pi2 nginx-site", "pi1 nginx-after-mount", "pi2 nginx-after-mount",
            "pi1 nginx", "pi2 nginx", "local zone",
        }));

        h.ForgetCommands();
        RunReport third = await h.CreateProvisioner().ApplyAsync(ct);
        Assert.That((third.Count(StepOutcome.Ok), h.ActLines.Count), Is.EqualTo((25, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Apply_NodeUnreachable_FailsWithSshsMessage(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi2.SshFailWhen(_ => true, "ssh: connect to host 192.0.2.12 port 22: No route to host");

        RunReport report = await h.CreateProvisioner().ApplyAsync(ct);

        StepResult failed = report.Results.Single(result => result.Outcome == StepOutcome.Failed);
        Assert.That((failed.Target, failed.Step, failed.Detail), Is.EqualTo(("pi2", "packages", "pi2: ssh: connect to host 192.0.2.12 port 22: No route to host")));
    }

    [Test, CancelAfter(10_000)]
    public async Task Apply_Arbiter_GetsOnlyGlusterAndTheVolumeIsReplica3Arbiter1(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);

        RunReport report = await h.CreateProvisioner().ApplyAsync(ct);

        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Results.Select(result => result.Detail)));
        Assert.That(report.Results.Where(result => result.Target == "arb").Select(result => result.Step), Is.EqualTo(s_perNode));
        Assert.That(h.Arb.Packages, Is.EqualTo(new[] { "glusterfs-server" }));
        Assert.That((h.Arb.Mounts.Count, h.Arb.IsActive("nginx")), Is.EqualTo((0, false)));
        Assert.That(h.Pi1.Lines, Does.Contain("gluster --mode=script volume create gv0 replica 3 arbiter 1 pi1:/srv/gluster/brick pi2:/srv/gluster/brick arb:/srv/gluster/brick --xml"));
        Assert.That((h.Gluster.Volumes["gv0"].ReplicaCount, h.Gluster.Volumes["gv0"].ArbiterCount), Is.EqualTo((3, 1)));

        h.ForgetCommands();
        RunReport second = await h.CreateProvisioner().ApplyAsync(ct);
        Assert.That((second.Results.Count, second.Count(StepOutcome.Ok), h.ActLines.Count), Is.EqualTo((29, 29, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Plan_NotLive_ListsEveryStepAndTargetWithExactCommandsAndSendsNothing(CancellationToken ct)
    {
        using StepHarness h = new();

        IReadOnlyList<PlanEntry> plan = await h.CreateProvisioner().PlanAsync(live: false, ct);

        Assert.That(plan.Select(entry => $"{entry.Target} {entry.Step}"), Is.EqualTo(new[]
        {
            "pi1 packages", "pi2 packages", "pi1 glusterd", "pi2 glusterd", "pi1 hosts", "pi2 hosts", "pi1 brick", "pi2 brick",
            "cluster (pi1) distinct-uuids", "cluster (pi1) peers", "cluster (pi1) volume", "cluster (pi1) volume-start", "cluster (pi1) volume-options",
            "pi1 fstab", "pi2 fstab", "pi1 mount", "pi2 mount", "cluster (pi1) site-files",
            "pi1 nginx-site", "pi2 nginx-site", "pi1 nginx-after-mount", "pi2 nginx-after-mount", "pi1 nginx", "pi2 nginx", "local zone",
        }));
        Assert.That(plan.All(entry => entry.Status.Length == 0), Is.True);
        Assert.That(plan.Single(entry => entry.Target == "pi2" && entry.Step == "packages").Commands, Is.EqualTo(new[]
        {
            "apt-get update -q",
            "env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold glusterfs-server nginx curl",
        }));
        Assert.That(plan.Single(entry => entry.Step == "peers").Commands, Is.EqualTo(new[]
        {
            "gluster --mode=script peer probe pi2 --xml",
            "on pi2: gluster --mode=script peer probe pi1 --xml",
            "wait up to 15 s for every peer to be connected and \"Peer in Cluster\"",
        }));
        Assert.That(plan.Single(entry => entry.Step == "volume").Commands, Is.EqualTo(new[]
        {
            "gluster --mode=script volume create gv0 replica 2 pi1:/srv/gluster/brick pi2:/srv/gluster/brick --xml",
        }));
        Assert.That(plan.Single(entry => entry.Target == "pi1" && entry.Step == "hosts").Commands, Is.EqualTo(new[] { "{ if test -s /etc/hosts && test -n \"$(tail -c 1 /etc/hosts)\"; then echo >> /etc/hosts; fi; cat >> /etc/hosts; } <<'TWOPIR'\n192.0.2.12 pi2\nTWOPIR" }));
        Assert.That(h.AllLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Plan_RootFilesystemAllowed_ShowsTheCreateWithoutForceAndWhenForceIsAdded(CancellationToken ct)
    {
        // Apply adds force only when stat shows a brick on the root filesystem, which a plan that contacts nothing cannot know.
        using StepHarness h = new(allowRootFilesystem: true);

        IReadOnlyList<PlanEntry> plan = await h.CreateProvisioner().PlanAsync(live: false, ct);

        Assert.That(plan.Single(entry => entry.Step == "volume").Commands, Is.EqualTo(new[]
        {
            "gluster --mode=script volume create gv0 replica 2 pi1:/srv/gluster/brick pi2:/srv/gluster/brick --xml",
            "(with force before --xml when a brick turns out to be on the root filesystem, as volume.allowRootFilesystem allows)",
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Plan_LiveOnAConvergedCluster_IsEmptyAndOnlyChecks(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.ConvergeAllAsync(ct);

        IReadOnlyList<PlanEntry> plan = await h.CreateProvisioner().PlanAsync(live: true, ct);

        Assert.That(plan, Is.Empty);
        Assert.That(h.ActLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Plan_LiveOnFreshNodes_SaysMissingOrCannotCheckYetAndChangesNothing(CancellationToken ct)
    {
        using StepHarness h = new();

        // The UUID check polls (bounded) for a glusterd that is not installed yet, so the clock must move.
        Task<IReadOnlyList<PlanEntry>> planning = h.CreateProvisioner().PlanAsync(live: true, ct);
        await h.DriveAsync(planning);
        IReadOnlyList<PlanEntry> plan = await planning;

        Assert.That(plan.Single(entry => entry.Target == "pi1" && entry.Step == "packages").Status, Is.EqualTo("missing"));
        Assert.That(plan.Single(entry => entry.Step == "volume").Status, Does.StartWith("cannot check yet: on pi1: `gluster --mode=script volume info all --xml` exited 127"));
        Assert.That(h.ActLines, Is.Empty);
    }
}
