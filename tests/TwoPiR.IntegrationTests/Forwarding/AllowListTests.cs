using System.Net;
using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Forwarding:AllowRecursion: only listed clients get recursion, and RA tells them so; everyone else
/// gets REFUSED without RA for names outside our zones, as before forwarding, and our own zones as
/// always. The outsider is dig bound to 127.0.0.99, a loopback address outside the list.
/// </summary>
[Category("Integration")]
public sealed class AllowListTests : ScriptedUpstreamFixture
{
    private const string Outsider = "127.0.0.99";
    private const string Answer = "192.0.2.20";

    public AllowListTests()
        : base(FakeUpstream.Answering(60, Answer), new Dictionary<string, string?> { ["Forwarding:AllowRecursion:0"] = "127.0.0.1/32" })
    {
    }

    [OneTimeSetUp]
    public void RequireTools()
    {
        Dig.EnsureInstalled();
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_ClientInTheList_GetsTheAnswerWithRa(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Rig.Port, "allowed.fwd.test A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EqualTo(new[] { Answer }));
        }
    }

    [TestCase("+notcp")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_ClientOutsideTheList_IsRefusedWithoutRaAndNothingGoesUpstream(string transport, CancellationToken ct)
    {
        int asked = Scripted.Queries.Count;

        DigMessage response = await Dig.QueryAsync(Rig.Port, $"-b {Outsider} {transport} outsider{transport[1..]}.fwd.test A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("REFUSED"));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "rd" }), "no RA: we offer this client no recursion");
            Assert.That(response.Answer, Is.Empty);
            Assert.That(Scripted.Queries, Has.Count.EqualTo(asked), "nothing went upstream");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_ClientOutsideTheList_NameInOurZone_IsAnsweredWithoutRa(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Rig.Port, $"-b {Outsider} twopir.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "aa", "rd" }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.10", "192.0.2.11" }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_ClientOutsideTheList_NameCachedForAnAllowedClient_IsStillRefused(CancellationToken ct)
    {
        DigMessage allowed = await Dig.QueryAsync(Rig.Port, "cached.fwd.test A", ct);

        DigMessage outsider = await Dig.QueryAsync(Rig.Port, $"-b {Outsider} cached.fwd.test A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allowed.Answer.Select(record => record.Data), Is.EqualTo(new[] { Answer }));
            Assert.That(outsider.Status, Is.EqualTo("REFUSED"), "the cache is no back door");
            Assert.That(outsider.Answer, Is.Empty);
            Assert.That(outsider.HasFlag("ra"), Is.False);
        }
    }

    [TestCase("127.0.0.96/30", Outsider, true)]
    [TestCase("127.0.0.96/30", "127.0.0.1", false)]
    [TestCase(Outsider, Outsider, true)]
    [TestCase("10.0.0.0/8", "127.0.0.1", false)]
    [TestCase(null, Outsider, true)]
    [CancelAfter(10_000)]
    public async Task Dig_AllowList_TakesListedAddressesAndNetworksOnly(string? allow, string client, bool allowed, CancellationToken ct)
    {
        // Without a list, the default takes all of 127.0.0.0/8.
        Dictionary<string, string?> settings = [];
        if (allow is not null)
        {
            settings["Forwarding:AllowRecursion:0"] = allow;
        }

        await using ForwardingRig rig = await ForwardingRig.StartAsync([Scripted.Upstream], settings, ct);

        DigMessage response = await Dig.QueryAsync(rig.Port, $"-b {IPAddress.Parse(client)} listed.fwd.test A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo(allowed ? "NOERROR" : "REFUSED"));
            Assert.That(response.HasFlag("ra"), Is.EqualTo(allowed));
            Assert.That(response.Answer.Select(record => record.Data), Is.EqualTo(allowed ? new[] { Answer } : Array.Empty<string>()));
        }
    }
}
