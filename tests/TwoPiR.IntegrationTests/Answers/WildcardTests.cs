using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Answers;

/// <summary>Wildcard synthesis (RFC 4592): the answer is owned by the name asked, never by <c>*</c>.</summary>
[Category("Integration")]
public sealed class WildcardTests : ServedZonesFixture
{
    [TestCase("foo.wild.example.com", "A", "192.0.2.50")]
    [TestCase("foo.wild.example.com", "TXT", "\"wildcard\"")]
    [TestCase("a.b.wild.example.com", "A", "192.0.2.50")]
    [TestCase("*.wild.example.com", "A", "192.0.2.50")]
    [CancelAfter(10_000)]
    public async Task Dig_NameCoveredByWildcard_SynthesizesTheRecordForThatName(string name, string type, string data, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{name} {type}", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer, Is.EqualTo(new[] { new DigRecord(name + ".", 3600, "IN", type, data) }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_WildcardWithoutTheType_ReturnsNodata(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "foo.wild.example.com MX", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority.Select(record => (record.Owner, record.Ttl, record.Type)), Is.EqualTo(new[] { ("example.com.", 300u, "SOA") }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_WildcardCname_AliasesTheNameAskedAndFollowsIt(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "anything.alias.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer[0], Is.EqualTo(new DigRecord("anything.alias.example.com.", 3600, "IN", "CNAME", "twopir.example.com.")));
            Assert.That(response.Answer.Skip(1).Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.10", "192.0.2.11" }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_ParentOfWildcard_IsAnEmptyNonTerminalWithNodata(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "wild.example.com A", ct);

        // RFC 4592 §2.2.2: wild.example.com exists, so the wildcard does not cover it and it is not NXDOMAIN.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { "SOA" }));
        }
    }
}
