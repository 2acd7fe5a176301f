using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// The A RRset of a health-checked name is served with its TTL capped, so resolvers forget a dead
/// node soon: by default Interval × Fall rounded up to whole seconds, or Probe:Names:NAME:MaxTtl.
/// The zone gives the records TTL 30.
/// </summary>
[Category("Integration")]
public sealed class TtlCapTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    // Default: 200 ms × 2 = 0.4 s, rounded up to 1 s.
    [TestCase(null, 1u)]
    [TestCase("00:00:04", 4u)]
    [TestCase("00:00:00", 0u)]

    // A cap above the zone's TTL leaves the zone's.
    [TestCase("00:05:00", HealthZone.RecordTtl)]
    [CancelAfter(20_000)]
    public async Task Dig_CheckedName_ServesTheAddressesWithTheCappedTtl(string? maxTtl, uint expected, CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast with { MaxTtl = maxTtl is null ? null : TimeSpan.Parse(maxTtl, System.Globalization.CultureInfo.InvariantCulture) };
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);

        DigMessage response = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.CheckedName} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { First, Second }));
            Assert.That(response.Answer.Select(record => record.Ttl), Has.All.EqualTo(expected), response.ToString());
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Dig_AliasOfCheckedName_CapsTheAddressesButNotTheCname(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast with { MaxTtl = TimeSpan.FromSeconds(4) };
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);

        DigMessage response = await Dig.QueryAsync(rig.Server.Port, $"{HealthZone.Alias} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer.Where(record => record.Type == "CNAME"), Is.EqualTo(new[] { new DigRecord(HealthZone.Alias + ".", HealthZone.RecordTtl, "IN", "CNAME", HealthZone.CheckedName + ".") }));
            Assert.That(
                response.Answer.Where(record => record.Type == "A").Select(record => (record.Data, record.Ttl)),
                Is.EquivalentTo(new[] { (First, 4u), (Second, 4u) }));
        }
    }
}
