using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// Hysteresis: a node that fails and passes in turn never makes Fall failed or Rise passed rounds
/// in a row, so with Fall = Rise = 2 it never changes state, and stays in the answers.
/// </summary>
[Category("Integration")]
public sealed class FlappingTests
{
    private const string Flapping = "127.0.0.41";
    private const string Steady = "127.0.0.42";
    private const int NodeDown = 2002;
    private const int NodeUp = 2003;

    // Twenty rounds, one request each.
    private const int ObservedRounds = 20;

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(30_000)]
    public async Task Dig_NodeAlternatingPassAndFail_StaysServedAndNeverChangesState(CancellationToken ct)
    {
        // Timeout = Interval: this test is about the thresholds, and a passing check that a busy
        // machine slowed past a 100 ms timeout would be a second failure in a row.
        ProbeSettings settings = ProbeSettings.Fast with { Timeout = ProbeSettings.Fast.Interval };
        await using HealthRig rig = await HealthRig.StartAsync(settings, [Flapping, Steady], ct);
        Assert.That(await rig.WaitForStateAsync([Flapping, Steady], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);
        int transitions = Transitions(rig);
        int requestsBefore = rig.Node(Flapping).Requests;

        rig.Node(Flapping).Behaviour = WebNodeBehaviour.Alternate;
        List<string[]> answers = [];
        List<HealthState> states = [];
        TimeSpan window = (settings.Interval * ObservedRounds * 2) + ProbeSettings.Slack;
        await Polling.Eventually(
            async () =>
            {
                answers.Add(await rig.AnswersAsync(ct));
                states.Add(rig.StateOf(Flapping));
                return rig.Node(Flapping).Requests - requestsBefore;
            },
            rounds => rounds > ObservedRounds,
            window,
            ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rig.Node(Flapping).Requests - requestsBefore, Is.GreaterThan(ObservedRounds), $"fewer than {ObservedRounds} rounds within {window}");
            Assert.That(answers, Has.All.EqualTo(new[] { Flapping, Steady }));
            Assert.That(states, Has.All.EqualTo(HealthState.Healthy));
            Assert.That(Transitions(rig), Is.EqualTo(transitions), "a state change was logged");
            Assert.That(rig.Snapshot(Flapping).ConsecutiveFailed, Is.LessThanOrEqualTo(1));
            Assert.That(rig.Snapshot(Flapping).ConsecutivePassed, Is.LessThanOrEqualTo(1));
        }
    }

    private static int Transitions(HealthRig rig) => rig.LogsAbout(Flapping, NodeDown).Count + rig.LogsAbout(Flapping, NodeUp).Count;
}
