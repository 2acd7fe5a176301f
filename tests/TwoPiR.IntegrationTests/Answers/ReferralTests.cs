using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Answers;

/// <summary>
/// Names at or below the cut at sub.example.com get a referral (RFC 1034 §4.3.2 step 3b): no AA,
/// the cut's NS in authority, the glue from this zone in additional (RFC 9471). DS is the parent's (RFC 4035 §3.1.4.1).
/// </summary>
[Category("Integration")]
public sealed class ReferralTests : ServedZonesFixture
{
    private static readonly string[] s_nameServers = ["ns1.sub.example.com.", "ns2.sub.example.com.", "ns.example.net."];

    private static readonly DigRecord[] s_glue =
    [
        new("ns1.sub.example.com.", 3600, "IN", "A", "192.0.2.53"),
        new("ns1.sub.example.com.", 3600, "IN", "AAAA", "2001:db8::53"),
        new("ns2.sub.example.com.", 3600, "IN", "A", "192.0.2.54"),
    ];

    [TestCase("www.sub.example.com A")]
    [TestCase("a.b.sub.example.com TXT")]
    [TestCase("sub.example.com A")]
    [TestCase("sub.example.com NS")]
    [TestCase("ns1.sub.example.com A")]
    [TestCase("+tcp www.sub.example.com A")]
    [TestCase("+norec www.sub.example.com A")]
    [TestCase("+noedns www.sub.example.com A")]
    [CancelAfter(10_000)]
    public async Task Dig_NameAtOrBelowTheCut_ReturnsAReferralWithGlue(string query, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, query, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.False, "a referral is not authoritative");
            Assert.That(response.HasFlag("tc"), Is.False);
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority.Select(record => (record.Owner, record.Type)).Distinct(), Is.EqualTo(new[] { ("sub.example.com.", "NS") }));
            Assert.That(response.Authority.Select(record => record.Data), Is.EquivalentTo(s_nameServers));
            Assert.That(response.Additional, Is.EquivalentTo(s_glue), "glue for the in-zone servers, none for ns.example.net.");
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_DsAtTheCut_AnsweredByTheParentWithNodata(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} sub.example.com DS", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority.Select(record => (record.Owner, record.Ttl, record.Type)), Is.EqualTo(new[] { ("example.com.", 300u, "SOA") }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_DsBelowTheCut_ReturnsAReferral(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "www.sub.example.com DS", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.HasFlag("aa"), Is.False);
            Assert.That(response.Authority.Select(record => record.Type), Has.All.EqualTo("NS"));
        }
    }
}
