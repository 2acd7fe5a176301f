using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// When every node of a checked name is down, its policy (Probe:Names:NAME:WhenAllDown) decides the
/// answer, for the name itself and through an alias to it: serve every address (fail open), NODATA
/// with the SOA, or SERVFAIL.
/// </summary>
[Category("Integration")]
public sealed class AllDownPolicyTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";
    private const uint Serial = 1;

    // Negative answers are capped like the records: min(negative TTL 60, default cap 1 s).
    private const uint CappedNegativeTtl = 1;

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(20_000)]
    public async Task Dig_AllNodesDownServeAll_ServesEveryAddress(CancellationToken ct)
    {
        await using HealthRig rig = await StartWithEveryNodeDownAsync(AllDownPolicy.ServeAll, ct);

        DigMessage direct = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.CheckedName} A", ct);
        DigMessage alias = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.Alias} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.Status, Is.EqualTo("NOERROR"));
            Assert.That(direct.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { First, Second }));
            Assert.That(alias.Status, Is.EqualTo("NOERROR"));
            Assert.That(alias.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { HealthZone.CheckedName + ".", First, Second }));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Dig_AllNodesDownNoData_AnswersNoErrorWithoutAddressesAndTheSoa(CancellationToken ct)
    {
        await using HealthRig rig = await StartWithEveryNodeDownAsync(AllDownPolicy.NoData, ct);

        DigMessage direct = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.CheckedName} A", ct);
        DigMessage alias = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.Alias} A", ct);

        DigRecord soa = new("health.test.", CappedNegativeTtl, "IN", "SOA", HealthZone.SoaData(Serial));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.Status, Is.EqualTo("NOERROR"));
            Assert.That(direct.HasFlag("aa"), Is.True);
            Assert.That(direct.Answer, Is.Empty);
            Assert.That(direct.Authority, Is.EqualTo(new[] { soa }));

            Assert.That(alias.Status, Is.EqualTo("NOERROR"));
            Assert.That(alias.HasFlag("aa"), Is.True);
            Assert.That(alias.Answer, Is.EqualTo(new[] { new DigRecord(HealthZone.Alias + ".", HealthZone.RecordTtl, "IN", "CNAME", HealthZone.CheckedName + ".") }));
            Assert.That(alias.Authority, Is.EqualTo(new[] { soa }));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Dig_AllNodesDownServFail_AnswersServFail(CancellationToken ct)
    {
        await using HealthRig rig = await StartWithEveryNodeDownAsync(AllDownPolicy.ServFail, ct);

        DigMessage direct = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.CheckedName} A", ct);
        DigMessage alias = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.Alias} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.Status, Is.EqualTo("SERVFAIL"));
            Assert.That(direct.Answer, Is.Empty);
            Assert.That(alias.Status, Is.EqualTo("SERVFAIL"));
            Assert.That(alias.Answer, Is.Empty, "a SERVFAIL carries no partial answer, not even the alias");
        }
    }

    [TestCase(AllDownPolicy.NoData)]
    [TestCase(AllDownPolicy.ServFail)]
    [CancelAfter(20_000)]
    public async Task Dig_OneNodeBackAfterAllDown_ServesItAgain(AllDownPolicy policy, CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast with { WhenAllDown = policy };
        await using HealthRig rig = await StartWithEveryNodeDownAsync(policy, ct);

        await rig.Node(Second).RestartAsync(ct);
        string[] answers = await Polling.Eventually(() => rig.AnswersAsync(ct), a => a.Length > 0, settings.WorstCaseRecovery + ProbeSettings.Slack, ct);

        Assert.That(answers, Is.EqualTo(new[] { Second }));
    }

    /// <summary>Starts both nodes and the server, waits until both are Healthy, then stops both and waits until both are Unhealthy.</summary>
    private static async Task<HealthRig> StartWithEveryNodeDownAsync(AllDownPolicy policy, CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast with { WhenAllDown = policy };
        HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        try
        {
            Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True, "the nodes never came up");
            await rig.Node(First).StopAsync();
            await rig.Node(Second).StopAsync();
            Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Unhealthy, settings.WorstCaseDetection + ProbeSettings.Slack, ct), Is.True, "the nodes never went down");
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }
}
