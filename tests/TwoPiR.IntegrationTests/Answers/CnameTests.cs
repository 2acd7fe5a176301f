using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Answers;

/// <summary>Aliases: the chain is followed inside the zone (RFC 1034 §4.3.2 step 3a), loops end, other zones are left to the resolver.</summary>
[Category("Integration")]
public sealed class CnameTests : ServedZonesFixture
{
    private static readonly DigRecord s_wwwAlias = new("www.example.com.", 3600, "IN", "CNAME", "twopir.example.com.");

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_Alias_ReturnsTheCnameThenTheTargetAddresses(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} www.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer[0], Is.EqualTo(s_wwwAlias));
            Assert.That(response.Answer.Skip(1).Select(record => (record.Owner, record.Type)), Is.EqualTo(new[] { ("twopir.example.com.", "A"), ("twopir.example.com.", "A") }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_ChainOfThree_ReturnsEveryLinkInOrderThenTheAddresses(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "chain1.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer.Take(3), Is.EqualTo(new[]
            {
                new DigRecord("chain1.example.com.", 3600, "IN", "CNAME", "chain2.example.com."),
                new DigRecord("chain2.example.com.", 3600, "IN", "CNAME", "chain3.example.com."),
                new DigRecord("chain3.example.com.", 3600, "IN", "CNAME", "twopir.example.com."),
            }));
            Assert.That(response.Answer.Skip(3).Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.10", "192.0.2.11" }));
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_Loop_AnswersEachAliasOnceAndStops(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} loop1.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer, Is.EqualTo(new[]
            {
                new DigRecord("loop1.example.com.", 3600, "IN", "CNAME", "loop2.example.com."),
                new DigRecord("loop2.example.com.", 3600, "IN", "CNAME", "loop1.example.com."),
            }));
        }

        // The server survived the loop and still answers.
        Assert.That(await Dig.ShortAsync(Server.Port, "twopir.example.com A", ct), Has.Length.EqualTo(2));
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AliasOutOfZone_ReturnsOnlyTheCname(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "away.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer, Is.EqualTo(new[] { new DigRecord("away.example.com.", 3600, "IN", "CNAME", "www.example.net.") }));
            Assert.That(response.Authority, Is.Empty);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AliasToMissingName_ReturnsTheCnameWithNxdomain(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "dangling.example.com A", ct);

        // RFC 6604 §2.1: the RCODE is that of the last name in the chain.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NXDOMAIN"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer, Is.EqualTo(new[] { new DigRecord("dangling.example.com.", 3600, "IN", "CNAME", "missing.example.com.") }));
            Assert.That(response.Authority.Select(record => (record.Owner, record.Ttl, record.Type)), Is.EqualTo(new[] { ("example.com.", 300u, "SOA") }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AliasToNameWithoutTheType_ReturnsTheCnameWithNodata(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "www.example.com TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer, Is.EqualTo(new[] { s_wwwAlias }));
            Assert.That(response.Authority.Select(record => (record.Owner, record.Ttl, record.Type)), Is.EqualTo(new[] { ("example.com.", 300u, "SOA") }));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_CnameQuestion_ReturnsTheCnameWithoutFollowingIt(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "www.example.com CNAME", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer, Is.EqualTo(new[] { s_wwwAlias }));
        }
    }
}
