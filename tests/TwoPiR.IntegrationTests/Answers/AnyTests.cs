using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Answers;

/// <summary>
/// ANY (RFC 8482 §4.1): over UDP one RRset is a complete answer; over TCP every RRset is given.
/// dig 9.18 sends ANY over TCP unless told <c>+notcp</c>, so the UDP cases say so.
/// </summary>
[Category("Integration")]
public sealed class AnyTests : ServedZonesFixture
{
    [TestCase("example.com", 4)]
    [TestCase("ns2.example.com", 2)]
    [TestCase("foo.wild.example.com", 2)]
    [CancelAfter(10_000)]
    public async Task Dig_AnyOverUdp_ReturnsExactlyOneWholeRRset(string name, int rrsetsAtName, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"+notcp {name} ANY", ct);
        DigMessage all = await Dig.QueryAsync(Server.Port, $"+tcp {name} ANY", ct);
        string[] types = [.. response.Answer.Select(record => record.Type).Distinct()];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.HasFlag("tc"), Is.False, "one RRset is the whole answer, not a truncated one");
            Assert.That(types, Has.Length.EqualTo(1));
            Assert.That(all.Answer.Select(record => record.Type).Distinct().Count(), Is.EqualTo(rrsetsAtName));
            Assert.That(response.Answer, Is.EquivalentTo(all.Answer.Where(record => record.Type == types.FirstOrDefault())), "the RRset is whole");
            Assert.That(response.Answer.Select(record => record.Owner), Has.All.EqualTo(name + "."));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AnyOverTcp_ReturnsEveryRRsetAtTheName(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "+tcp example.com ANY", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer.Select(record => record.Type), Is.EquivalentTo(new[] { "NS", "NS", "SOA", "MX", "CAA" }));
        }
    }
}
