using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Answers;

/// <summary>
/// NXDOMAIN and NODATA (RFC 2308 §2): no answer, the zone's SOA in authority, with the negative
/// TTL min(SOA TTL, MINIMUM) (§3). example.com has TTL 3600 and MINIMUM 300; the reverse zone TTL 120 and MINIMUM 600.
/// </summary>
[Category("Integration")]
public sealed class NegativeAnswerTests : ServedZonesFixture
{
    private const string ExampleSoa = "ns1.example.com. hostmaster.example.com. 2026010101 7200 900 1209600 300";
    private const string ReverseSoa = "ns1.example.com. hostmaster.example.com. 2026010101 7200 900 1209600 600";

    [TestCase("nope.example.com A", "NXDOMAIN")]
    [TestCase("+tcp nope.example.com A", "NXDOMAIN")]
    [TestCase("+noedns nope.example.com A", "NXDOMAIN")]
    [TestCase("x.twopir.example.com A", "NXDOMAIN")]
    [TestCase("twopir.example.com TXT", "NOERROR")]
    [TestCase("+tcp twopir.example.com AAAA", "NOERROR")]
    [TestCase("example.com A", "NOERROR")]
    [TestCase("ent.example.com A", "NOERROR")]
    [TestCase("ent.example.com ANY", "NOERROR")]
    [CancelAfter(10_000)]
    public async Task Dig_MissingNameOrType_ReturnsTheSoaWithTheNegativeTtl(string query, string status, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, query, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.HasFlag("ra"), Is.False);
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority, Is.EqualTo(new[] { new DigRecord("example.com.", 300, "IN", "SOA", ExampleSoa) }));
        }
    }

    [TestCase("99.2.0.192.in-addr.arpa PTR", "NXDOMAIN")]
    [TestCase("10.2.0.192.in-addr.arpa A", "NOERROR")]
    [CancelAfter(10_000)]
    public async Task Dig_MissingInZoneWhoseSoaTtlIsLower_UsesTheSoaTtl(string query, string status, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, query, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority, Is.EqualTo(new[] { new DigRecord("2.0.192.in-addr.arpa.", 120, "IN", "SOA", ReverseSoa) }));
        }
    }
}
