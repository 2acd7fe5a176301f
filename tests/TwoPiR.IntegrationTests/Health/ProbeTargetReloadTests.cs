using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// The addresses probed are the checked name's A records in the loaded zone: a reload that adds
/// a node gets it probed and served; a reload that removes it stops probing it.
/// </summary>
[Category("Integration")]
public sealed class ProbeTargetReloadTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";
    private const string Added = "127.0.0.43";
    private const int AddressRemoved = 2005;

    // Dns:ReloadDelay is 0.1 s in the test server: a zone edit is live well within this.
    private static readonly TimeSpan s_reloadLimit = TimeSpan.FromSeconds(3);

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(30_000)]
    public async Task ZoneReload_ThirdAddressAddedThenRemoved_ProbedAndServedThenNoLongerProbed(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second, Added], ct, zoneAddresses: [First, Second]);
        Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);
        Assert.That(rig.Node(Added).Requests, Is.Zero, "an address outside the zone was probed");

        rig.WriteZone(2, [First, Second, Added]);

        string[] served = await Polling.Eventually(() => rig.AnswersAsync(ct), a => a.Contains(Added), s_reloadLimit, ct);
        int probed = await Polling.Eventually(() => Task.FromResult(rig.Node(Added).Requests), requests => requests >= settings.Rise, s_reloadLimit, ct);
        bool healthy = await rig.WaitForStateAsync([Added], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(served, Is.EqualTo(new[] { First, Second, Added }));
            Assert.That(probed, Is.GreaterThanOrEqualTo(settings.Rise));
            Assert.That(rig.Node(Added).Hosts, Has.All.EqualTo(HealthZone.CheckedName), "the check's Host header is the checked name");
            Assert.That(healthy, Is.True);
        }

        rig.WriteZone(3, [First, Second]);

        await Polling.Eventually(() => Task.FromResult(rig.LogsAbout(Added, AddressRemoved).Count), count => count > 0, s_reloadLimit, ct);
        int requestsAtRemoval = rig.Node(Added).Requests;
        int clock = rig.Node(First).Requests;

        // Let at least five rounds pass, counted on a node still probed, rather than sleeping.
        const int Rounds = 5;
        await Polling.Eventually(() => Task.FromResult(rig.Node(First).Requests - clock), rounds => rounds >= Rounds, (settings.Interval * Rounds * 2) + ProbeSettings.Slack, ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rig.Node(First).Requests - clock, Is.GreaterThanOrEqualTo(Rounds), "the remaining nodes stopped being probed");

            // A round that was under way when the zone changed may still land.
            Assert.That(rig.Node(Added).Requests, Is.LessThanOrEqualTo(requestsAtRemoval + 1), "the removed address is still probed");
            Assert.That(await rig.AnswersAsync(ct), Is.EqualTo(new[] { First, Second }));
        }
    }
}
