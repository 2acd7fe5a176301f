using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Our zones always win, also when they change under a running server: a zone loaded for a name
/// that was forwarded and cached takes over at once, and names of a zone removed are forwarded.
/// </summary>
[Category("Integration")]
public sealed class ZoneReloadTests
{
    private const string Forwarded = "192.0.2.20";
    private const string Ours = "192.0.2.99";
    private static readonly TimeSpan s_reloadLimit = TimeSpan.FromSeconds(5);

    private static readonly string s_ourZone = $"""
        $ORIGIN fwd.test.
        $TTL 300
        @       IN SOA ns hostmaster 1 3600 600 86400 60
        @       IN NS  ns
        ns      IN A   192.0.2.53
        twopir  IN A   {Ours}

        """;

    [OneTimeSetUp]
    public void RequireDig() => Dig.EnsureInstalled();

    [Test, CancelAfter(15_000)]
    public async Task Reload_ZoneAddedForACachedForwardedName_OurZoneWins(CancellationToken ct)
    {
        using TempDirectory zones = new(IntegrationZones.Directory);
        await using FakeUpstream upstream = FakeUpstream.Start(FakeUpstream.Answering(300, Forwarded));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], new Dictionary<string, string?> { ["Dns:Zones"] = zones.Path }, ct);
        DigMessage forwarded = await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);

        zones.Write($"{FwdZone.Origin}.zone", s_ourZone);
        DigMessage ours = await Polling.Eventually(() => Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct), m => m.HasFlag("aa"), s_reloadLimit, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(forwarded.Answer.Select(record => record.Data), Is.EqualTo(new[] { Forwarded }));
            Assert.That(ours.Flags, Is.EquivalentTo(new[] { "qr", "aa", "rd", "ra" }), "the new zone answers, not the cache");
            Assert.That(ours.Answer.Select(record => record.Data), Is.EqualTo(new[] { Ours }));
            Assert.That(upstream.Queries, Has.Count.EqualTo(1));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Reload_ZoneRemoved_ItsNamesAreForwarded(CancellationToken ct)
    {
        using TempDirectory zones = new(IntegrationZones.Directory);
        string zoneFile = zones.Write($"{FwdZone.Origin}.zone", s_ourZone);
        await using FakeUpstream upstream = FakeUpstream.Start(FakeUpstream.Answering(300, Forwarded));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], new Dictionary<string, string?> { ["Dns:Zones"] = zones.Path }, ct);
        DigMessage ours = await Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct);

        File.Delete(zoneFile);
        DigMessage forwarded = await Polling.Eventually(() => Dig.QueryAsync(rig.Port, $"{FwdZone.Web} A", ct), m => !m.HasFlag("aa"), s_reloadLimit, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ours.Answer.Select(record => record.Data), Is.EqualTo(new[] { Ours }));
            Assert.That(forwarded.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(forwarded.Answer.Select(record => record.Data), Is.EqualTo(new[] { Forwarded }));
            Assert.That(upstream.Queries.Select(query => query.Name), Is.EqualTo(new[] { $"{FwdZone.Web}." }));
        }
    }
}
