using System.Net;
using TwoPiR.Probe.Checks;
using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Tests.Health;

public sealed class NodeHealthTests
{
    private static readonly IPAddress s_address = IPAddress.Parse("192.0.2.10");
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Record_FromUnknown_HealthyAfterExactlyRisePasses(int rise)
    {
        NodeHealth node = new(s_address, HealthState.Unknown, s_start, drained: false);

        Transition?[] transitions = [.. Enumerable.Range(0, rise).Select(_ => node.Record(Pass, rise, fall: 3, s_start))];

        Assert.That(transitions[..^1], Is.All.Null);
        Assert.That(transitions[^1]?.To, Is.EqualTo(HealthState.Healthy));
        Assert.That(node.State, Is.EqualTo(HealthState.Healthy));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(5)]
    public void Record_FromHealthy_UnhealthyAfterExactlyFallFailures(int fall)
    {
        NodeHealth node = new(s_address, HealthState.Healthy, s_start, drained: false);

        Transition?[] transitions = [.. Enumerable.Range(0, fall).Select(_ => node.Record(Fail, rise: 3, fall, s_start))];

        Assert.That(transitions[..^1], Is.All.Null);
        Assert.That(transitions[^1]?.To, Is.EqualTo(HealthState.Unhealthy));
        Assert.That(node.State, Is.EqualTo(HealthState.Unhealthy));
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Record_FromUnknown_UnhealthyAfterExactlyFallFailures(int fall)
    {
        NodeHealth node = new(s_address, HealthState.Unknown, s_start, drained: false);

        Transition?[] transitions = [.. Enumerable.Range(0, fall).Select(_ => node.Record(Fail, rise: 2, fall, s_start))];

        Assert.That(transitions[..^1], Is.All.Null);
        Assert.That(transitions[^1], Is.EqualTo(new Transition(s_address, HealthState.Unknown, HealthState.Unhealthy, fall, "refused")));
    }

    // A sequence of rounds, + passed and - failed, and the state after it.
    [TestCase(HealthState.Unknown, 2, 2, "", HealthState.Unknown)]
    [TestCase(HealthState.Unknown, 2, 2, "+", HealthState.Unknown)]
    [TestCase(HealthState.Unknown, 2, 2, "++", HealthState.Healthy)]
    [TestCase(HealthState.Unknown, 2, 2, "+-+", HealthState.Unknown)]
    [TestCase(HealthState.Unknown, 2, 2, "+-++", HealthState.Healthy)]
    [TestCase(HealthState.Unknown, 2, 3, "--", HealthState.Unknown)]
    [TestCase(HealthState.Unknown, 2, 3, "---", HealthState.Unhealthy)]
    [TestCase(HealthState.Healthy, 2, 3, "--+--", HealthState.Healthy)]
    [TestCase(HealthState.Healthy, 2, 3, "--+---", HealthState.Unhealthy)]
    [TestCase(HealthState.Unhealthy, 3, 2, "++-++", HealthState.Unhealthy)]
    [TestCase(HealthState.Unhealthy, 3, 2, "++-+++", HealthState.Healthy)]
    [TestCase(HealthState.Unhealthy, 1, 1, "+", HealthState.Healthy)]
    [TestCase(HealthState.Healthy, 1, 1, "-", HealthState.Unhealthy)]
    [TestCase(HealthState.Healthy, 1, 1, "-+-+", HealthState.Healthy)]
    [TestCase(HealthState.Healthy, 2, 2, "--++--", HealthState.Unhealthy)]
    public void Record_Rounds_EndsInState(HealthState initial, int rise, int fall, string rounds, HealthState expected)
    {
        NodeHealth node = new(s_address, initial, s_start, drained: false);

        foreach (char round in rounds)
        {
            node.Record(round == '+' ? Pass : Fail, rise, fall, s_start);
        }

        Assert.That(node.State, Is.EqualTo(expected));
    }

    [TestCase(HealthState.Unknown, 2, 2)]
    [TestCase(HealthState.Healthy, 2, 2)]
    [TestCase(HealthState.Unhealthy, 2, 2)]
    [TestCase(HealthState.Healthy, 3, 2)]
    [TestCase(HealthState.Unhealthy, 2, 5)]
    public void Record_AlternatingPassAndFail_NeverChangesState(HealthState initial, int rise, int fall)
    {
        NodeHealth node = new(s_address, initial, s_start, drained: false);

        Transition?[] transitions = [.. Enumerable.Range(0, 100).Select(round => node.Record(round % 2 == 0 ? Pass : Fail, rise, fall, s_start))];

        Assert.That(transitions, Is.All.Null, "a flapping node stays put");
        Assert.That(node.State, Is.EqualTo(initial));
    }

    [Test]
    public void Record_Transition_ReportsFromToRoundsAndLastDetail()
    {
        NodeHealth node = new(s_address, HealthState.Healthy, s_start, drained: false);
        node.Record(Fail with { Detail = "timed out after 1s" }, rise: 2, fall: 3, s_start);
        node.Record(Fail with { Detail = "connection reset" }, rise: 2, fall: 3, s_start);

        Transition? transition = node.Record(Fail, rise: 2, fall: 3, s_start.AddSeconds(4));

        Assert.That(transition, Is.EqualTo(new Transition(s_address, HealthState.Healthy, HealthState.Unhealthy, 3, "refused")));
    }

    [Test]
    public void Record_FailuresBeyondFall_NoFurtherTransition()
    {
        NodeHealth node = new(s_address, HealthState.Healthy, s_start, drained: false);

        Transition?[] transitions = [.. Enumerable.Range(0, 10).Select(_ => node.Record(Fail, rise: 2, fall: 2, s_start))];

        Assert.That(transitions.Count(transition => transition is not null), Is.EqualTo(1));
        Assert.That(node.Snapshot().ConsecutiveFailed, Is.EqualTo(10));
    }

    [Test]
    public void Record_Transition_MovesSinceToThatRound()
    {
        NodeHealth node = new(s_address, HealthState.Unknown, s_start, drained: false);
        node.Record(Pass, rise: 2, fall: 2, s_start.AddSeconds(2));

        node.Record(Pass, rise: 2, fall: 2, s_start.AddSeconds(4));
        node.Record(Pass, rise: 2, fall: 2, s_start.AddSeconds(6));

        Assert.That(node.Snapshot().Since, Is.EqualTo(s_start.AddSeconds(4)));
    }

    [Test]
    public void Snapshot_AfterRounds_HoldsCountsAndLastRound()
    {
        NodeHealth node = new(s_address, HealthState.Unknown, s_start, drained: false);
        node.Record(Fail, rise: 2, fall: 3, s_start.AddSeconds(1));
        node.Record(Pass with { Latency = TimeSpan.FromMilliseconds(12) }, rise: 2, fall: 3, s_start.AddSeconds(2));

        NodeSnapshot snapshot = node.Snapshot();

        Assert.That(snapshot, Is.EqualTo(new NodeSnapshot(
            s_address, HealthState.Unknown, s_start, Drained: false, ConsecutivePassed: 1, ConsecutiveFailed: 0,
            s_start.AddSeconds(2), LastPassed: true, "HTTP 200", TimeSpan.FromMilliseconds(12))));
    }

    [Test]
    public void Snapshot_NeverChecked_NoLastRound()
    {
        NodeHealth node = new(s_address, HealthState.Unknown, s_start, drained: false);

        NodeSnapshot snapshot = node.Snapshot();

        Assert.That((snapshot.LastCheckedAt, snapshot.LastPassed, snapshot.LastDetail, snapshot.LastLatency), Is.EqualTo(((DateTimeOffset?)null, (bool?)null, (string?)null, (TimeSpan?)null)));
    }

    [TestCase(HealthState.Unknown)]
    [TestCase(HealthState.Healthy)]
    [TestCase(HealthState.Unhealthy)]
    public void SetDrained_Drained_ServedStateDrainedButStateMeasured(HealthState measured)
    {
        NodeHealth node = new(s_address, measured, s_start, drained: false);

        bool changed = node.SetDrained(true);

        Assert.That(changed, Is.True);
        Assert.That((node.ServedState, node.State, node.Drained), Is.EqualTo((HealthState.Drained, measured, true)));
    }

    [Test]
    public void SetDrained_Undrained_ServedStateIsTheMeasuredStateAgain()
    {
        NodeHealth node = new(s_address, HealthState.Healthy, s_start, drained: true);

        bool changed = node.SetDrained(false);

        Assert.That(changed, Is.True);
        Assert.That(node.ServedState, Is.EqualTo(HealthState.Healthy));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void SetDrained_AlreadySo_ReturnsFalse(bool drained)
    {
        NodeHealth node = new(s_address, HealthState.Healthy, s_start, drained);

        Assert.That(node.SetDrained(drained), Is.False);
    }

    [Test]
    public void Record_WhileDrained_KeepsMeasuringBehindTheDrain()
    {
        NodeHealth node = new(s_address, HealthState.Healthy, s_start, drained: true);

        Transition? transition = node.Record(Fail, rise: 2, fall: 1, s_start);

        Assert.That(transition?.To, Is.EqualTo(HealthState.Unhealthy));
        Assert.That((node.ServedState, node.State), Is.EqualTo((HealthState.Drained, HealthState.Unhealthy)));
        node.SetDrained(false);
        Assert.That(node.ServedState, Is.EqualTo(HealthState.Unhealthy));
    }

    [TestCase(HealthState.Unknown, HealthState.Unknown)]
    [TestCase(HealthState.Healthy, HealthState.Healthy)]
    [TestCase(HealthState.Unhealthy, HealthState.Unhealthy)]
    [TestCase(HealthState.Drained, HealthState.Unknown)]
    public void Constructor_RestoredState_StartsInIt(HealthState restored, HealthState expected)
    {
        DateTimeOffset since = s_start.AddDays(-3);

        NodeHealth node = new(s_address, restored, since, drained: false);

        Assert.That((node.State, node.ServedState, node.Snapshot().Since), Is.EqualTo((expected, expected, since)));
    }

    [Test]
    public void Constructor_RestoredUnhealthy_NeedsRisePassesToComeBack()
    {
        NodeHealth node = new(s_address, HealthState.Unhealthy, s_start, drained: false);

        Transition? first = node.Record(Pass, rise: 2, fall: 2, s_start);
        Transition? second = node.Record(Pass, rise: 2, fall: 2, s_start);

        Assert.That(first, Is.Null);
        Assert.That(second, Is.EqualTo(new Transition(s_address, HealthState.Unhealthy, HealthState.Healthy, 2, "HTTP 200")));
    }

    private static CheckResult Pass => new(true, "HTTP 200", TimeSpan.FromMilliseconds(3));

    private static CheckResult Fail => new(false, "refused", TimeSpan.FromMilliseconds(1));
}
