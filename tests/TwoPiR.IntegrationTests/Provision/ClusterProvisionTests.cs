using System.Text.RegularExpressions;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Provision;

/// <summary>
/// twopir-provision against a real two-node cluster (see <see cref="TestCluster"/>): a fresh apply over
/// real SSH, verify, a no-op re-run, repair of drift, and a refusal to reshape an existing volume.
/// The tests run in order on one cluster, as an operator would.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class ClusterProvisionTests
{
    private const string ClusterFileText = """
        nodes:
          - name: pi1
            address: 10.77.0.11
          - name: pi2
            address: 10.77.0.12
        ssh:
          user: root
          identity: rig/id_ed25519
          knownHosts: rig/known_hosts
        volume:
          name: gv0
          brick: /srv/gluster/brick
          replica: 2
          acceptSplitBrainRisk: true
          allowRootFilesystem: true
        mount: /mnt/gluster1
        site:
          serverNames: [twopir.example.com]
        zone:
          file: zones/example.com.zone
          name: twopir
        """;

    private TestCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromMinutes(2));
        _cluster = await TestCluster.StartAsync(timeout.Token);
        _cluster.WriteClusterFile(ClusterFileText);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test, CancelAfter(300_000)]
    public async Task Apply_FreshNodes_ConvergesEveryStep(CancellationToken ct)
    {
        await using ChildProcess apply = await _cluster.ProvisionAsync("apply", ct);

        Summary summary = Summarize(apply);
        TestContext.Out.WriteLine($"fresh apply: {summary}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(apply.ExitCode, Is.Zero, apply.Transcript);
            Assert.That(summary.Failed, Is.Zero, apply.Transcript);
            Assert.That(summary.Changed, Is.GreaterThan(15), apply.Transcript);
            Assert.That(File.ReadAllText(_cluster.ZoneFile), Does.Contain("twopir.example.com.\t30\tIN\tA\t10.77.0.11"));
        }
    }

    [Test, DependsOnTest(nameof(Apply_FreshNodes_ConvergesEveryStep)), CancelAfter(120_000)]
    public async Task Verify_AfterApply_EveryCheckPasses(CancellationToken ct)
    {
        await using ChildProcess verify = await _cluster.ProvisionAsync("verify", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verify.ExitCode, Is.Zero, verify.Transcript);
            Assert.That(verify.OutputLines[^1], Is.EqualTo("10 passed, 0 failed"), verify.Transcript);
            Assert.That(verify.Output, Does.Contain("canary on every brick"));
        }
    }

    [Test, DependsOnTest(nameof(Verify_AfterApply_EveryCheckPasses)), CancelAfter(120_000)]
    public async Task Apply_SecondRun_ChangesNothing(CancellationToken ct)
    {
        await using ChildProcess apply = await _cluster.ProvisionAsync("apply", ct);

        Summary summary = Summarize(apply);
        TestContext.Out.WriteLine($"no-op apply: {summary}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(apply.ExitCode, Is.Zero, apply.Transcript);
            Assert.That(summary.Changed + summary.Failed, Is.Zero, apply.Transcript);
            Assert.That(summary.Ok, Is.EqualTo(25), apply.Transcript);
        }
    }

    [Test, DependsOnTest(nameof(Apply_SecondRun_ChangesNothing)), CancelAfter(120_000)]
    public async Task PlanLive_ConvergedCluster_ListsNothing(CancellationToken ct)
    {
        await using ChildProcess plan = await _cluster.ProvisionAsync("plan", ct, "--live");

        Assert.That(plan.OutputLines[^1], Is.EqualTo("0 step(s) would change something."), plan.Transcript);
    }

    [Test, DependsOnTest(nameof(PlanLive_ConvergedCluster_ListsNothing)), CancelAfter(300_000)]
    public async Task Apply_AfterDrift_RepairsOnlyWhatDrifted(CancellationToken ct)
    {
        // An operator's slip on pi2: the volume unmounted, the site unlinked, and nginx reloaded without it.
        await using (ChildProcess drift = await _cluster.OnNodeAsync("pi2", "umount /mnt/gluster1 && rm /etc/nginx/sites-enabled/twopir.conf && systemctl reload nginx", ct))
        {
            Assert.That(drift.ExitCode, Is.Zero, drift.Transcript);
        }

        await using ChildProcess apply = await _cluster.ProvisionAsync("apply", ct);
        await using ChildProcess verify = await _cluster.ProvisionAsync("verify", ct);

        string[] changed = [.. apply.OutputLines.Where(line => line.TrimStart().StartsWith("changed", StringComparison.Ordinal))
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..3]))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(apply.ExitCode, Is.Zero, apply.Transcript);
            Assert.That(changed, Is.EquivalentTo(new[] { "pi2 mount", "pi2 nginx-site", "pi2 nginx" }), apply.Transcript);
            Assert.That(verify.ExitCode, Is.Zero, verify.Transcript);
        }
    }

    [Test, DependsOnTest(nameof(Apply_AfterDrift_RepairsOnlyWhatDrifted)), CancelAfter(120_000)]
    public async Task Apply_VolumeDiffersFromFile_StopsAndTouchesNothing(CancellationToken ct)
    {
        _cluster.WriteClusterFile(ClusterFileText.Replace("brick: /srv/gluster/brick", "brick: /srv/gluster/other", StringComparison.Ordinal));
        try
        {
            await using ChildProcess apply = await _cluster.ProvisionAsync("apply", ct);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(apply.ExitCode, Is.EqualTo(1), apply.Transcript);
                Assert.That(apply.Output, Does.Contain("the volume gv0 exists but differs"), apply.Transcript);
                Assert.That(apply.Output, Does.Contain("We do not reshape volumes that hold data"), apply.Transcript);
            }
        }
        finally
        {
            _cluster.WriteClusterFile(ClusterFileText);
        }

        await using ChildProcess verify = await _cluster.ProvisionAsync("verify", ct);
        Assert.That(verify.ExitCode, Is.Zero, verify.Transcript);
    }

    private static Summary Summarize(ChildProcess apply)
    {
        Match match = SummaryLine().Match(apply.Output);
        Assert.That(match.Success, Is.True, "no summary line in:\n" + apply.Transcript);
        return new Summary(
            int.Parse(match.Groups["ok"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["changed"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Value);
    }

    [GeneratedRegex(@"(?<ok>\d+) ok, (?<changed>\d+) changed, (?<failed>\d+) failed in [0-9.]+ s, \d+ SSH round trips")]
    private static partial Regex SummaryLine();

    private sealed record Summary(int Ok, int Changed, int Failed, string Line)
    {
        public override string ToString() => Line;
    }
}
