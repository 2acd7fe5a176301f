using System.Diagnostics;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;
using TwoPiR.Probe.Health;
using TwoPiR.Testing;
using static TwoPiR.Testing.Polling;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// Dead web nodes leave dig's answers within the worst-case bound the settings promise
/// (Fall × Interval + Jitter + one round), and come back after Rise good rounds.
/// </summary>
[Category("Integration")]
public sealed class FailoverTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";
    private const string Third = "127.0.0.43";
    private const int NodeDown = 2002;
    private const int NodeUp = 2003;

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(30_000)]
    public async Task Dig_NodeStoppedThenRestarted_LeavesWithinBoundAndReturnsAfterRise(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);

        int downLogs = rig.LogsAbout(Second, NodeDown).Count;
        await rig.Node(Second).StopAsync();
        Stopwatch down = Stopwatch.StartNew();
        string[] afterStop = await Eventually(() => rig.AnswersAsync(ct), a => a.SequenceEqual([First]), settings.WorstCaseDetection + ProbeSettings.Slack, ct);
        TimeSpan detected = down.Elapsed;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterStop, Is.EqualTo(new[] { First }));
            Assert.That(detected, Is.LessThanOrEqualTo(settings.WorstCaseDetection + ProbeSettings.Slack));
            Assert.That(rig.LogsAbout(Second, NodeDown), Has.Count.EqualTo(downLogs + 1));
            Assert.That(rig.LogsAbout(Second, NodeDown)[^1].Message, Does.StartWith($"{Second} is DOWN for {HealthZone.CheckedName}: 2 failed checks in a row, last: "));
        }

        int requestsBeforeRestart = rig.Node(Second).Requests;
        int upLogs = rig.LogsAbout(Second, NodeUp).Count;
        await rig.Node(Second).RestartAsync(ct);
        Stopwatch up = Stopwatch.StartNew();
        string[] afterRestart = await Eventually(() => rig.AnswersAsync(ct), a => a.Length == 2, settings.WorstCaseRecovery + ProbeSettings.Slack, ct);
        TimeSpan recovered = up.Elapsed;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterRestart, Is.EqualTo(new[] { First, Second }));
            Assert.That(recovered, Is.LessThanOrEqualTo(settings.WorstCaseRecovery + ProbeSettings.Slack));
            Assert.That(rig.Node(Second).Requests - requestsBeforeRestart, Is.GreaterThanOrEqualTo(settings.Rise), "served again before Rise passed rounds");
            Assert.That(rig.LogsAbout(Second, NodeUp), Has.Count.EqualTo(upLogs + 1));
            Assert.That(rig.LogsAbout(Second, NodeUp)[^1].Message, Does.StartWith($"{Second} is UP for {HealthZone.CheckedName}: 2 passed checks in a row"));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Dig_NodesHangingOrAnswering503_LeaveWithinBoundWhileTheOtherIsServedThroughout(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second, Third], ct);
        Assert.That(await rig.WaitForStateAsync([First, Second, Third], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);

        rig.Node(Second).Behaviour = WebNodeBehaviour.Hang;
        rig.Node(Third).Behaviour = WebNodeBehaviour.Fail;
        Stopwatch down = Stopwatch.StartNew();
        List<string[]> seen = [];
        string[] answers = await Eventually(
            async () =>
            {
                string[] current = await rig.AnswersAsync(ct);
                seen.Add(current);
                return current;
            },
            a => a.SequenceEqual([First]),
            settings.WorstCaseDetection + ProbeSettings.Slack,
            ct);
        TimeSpan detected = down.Elapsed;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers, Is.EqualTo(new[] { First }));
            Assert.That(detected, Is.LessThanOrEqualTo(settings.WorstCaseDetection + ProbeSettings.Slack));
            Assert.That(seen, Has.All.Contain(First), "the healthy node left the answer while others failed");
            Assert.That(rig.Snapshot(Second).LastDetail, Is.EqualTo("timed out after 0.1s"));
            Assert.That(rig.Snapshot(Third).LastDetail, Is.EqualTo("HTTP 503, not in 200-399"));
        }

        // The hanging node never holds a round past its timeout: its failed rounds keep coming, one per interval.
        const int Rounds = 8;
        Stopwatch counting = Stopwatch.StartNew();
        NodeSnapshot hanging = await Eventually(
            () => Task.FromResult(rig.Snapshot(Second)), node => node.ConsecutiveFailed >= Rounds, (settings.Interval * Rounds) + ProbeSettings.Slack, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(hanging.ConsecutiveFailed, Is.GreaterThanOrEqualTo(Rounds), $"rounds stalled after {counting.Elapsed}");
            Assert.That(hanging.LastLatency, Is.LessThan(settings.Interval), "a round against the hanging node outlasted the interval");
            Assert.That(rig.Node(Second).Requests, Is.GreaterThanOrEqualTo(Rounds), "the hanging node was not asked once per round");
            Assert.That(await rig.AnswersAsync(ct), Is.EqualTo(new[] { First }));
        }
    }
}
