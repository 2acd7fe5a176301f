using System.Net;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// Last known states and drains are saved to Probe:StateFile and restored on restart, so a
/// restarted server never begins blind: its very first answer already leaves out what was down.
/// </summary>
[Category("Integration")]
public sealed class StateFileTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";
    private const int StateRestored = 2010;

    // After the restart: a dead node would need two failed rounds 5 s apart to be found out again,
    // so whatever the first answer leaves out, it knew from the state file.
    private static readonly ProbeSettings s_slow = ProbeSettings.Fast with
    {
        Interval = TimeSpan.FromSeconds(5),
        Timeout = TimeSpan.FromSeconds(1),
    };

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(30_000)]
    public async Task Restart_NodeStillDown_FirstAnswerAlreadyLeavesItOut(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);
        await rig.Node(Second).StopAsync();
        Assert.That(await rig.WaitForStateAsync([Second], HealthState.Unhealthy, settings.WorstCaseDetection + ProbeSettings.Slack, ct), Is.True);
        await rig.StopServerAsync();

        await rig.StartServerAsync(s_slow, ct);
        string[] first = await rig.AnswersAsync(ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(new[] { First }), "the first answer after the restart served the node that was down");
            Assert.That(rig.StateOf(Second), Is.EqualTo(HealthState.Unhealthy));
            Assert.That(rig.StateOf(First), Is.EqualTo(HealthState.Healthy));
            Assert.That(rig.Server.Logs.WithEventId(StateRestored).Select(entry => entry.Message), Has.Some.StartWith("Restored 2 node states and 0 drains from "));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Restart_AddressDrained_StaysDrained(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        using (HttpClient status = rig.CreateStatusClient())
        {
            using HttpResponseMessage drained = await status.PostAsync(new Uri($"/drain/{First}", UriKind.Relative), content: null, ct);
            Assert.That(drained.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await rig.StopServerAsync();

        await rig.StartServerAsync(s_slow, ct);
        string[] first = await rig.AnswersAsync(ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(new[] { Second }), "the first answer after the restart served the drained node");
            Assert.That(rig.StateOf(First), Is.EqualTo(HealthState.Drained));
            Assert.That(rig.Snapshot(First).Drained, Is.True);
        }
    }
}
