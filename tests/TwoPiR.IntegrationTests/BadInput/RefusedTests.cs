using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.BadInput;

/// <summary>
/// Ladder step 4 (STYLE.md §5): a class other than IN, or a name outside every loaded zone, is
/// REFUSED: not authoritative, no recursion offered, nothing but the question echoed.
/// </summary>
[Category("Integration")]
public sealed class RefusedTests : ServedZonesFixture
{
    [TestCase("www.example.org", "A")]
    [TestCase("example.org", "SOA")]
    [TestCase("com", "NS")]
    [TestCase(".", "NS")]
    [TestCase("example.com.example.org", "A")]
    [TestCase("3.0.192.in-addr.arpa", "PTR")]
    [TestCase("0.2.0.192.in-addr.arpa.example.com.net", "A")]
    [CancelAfter(10_000)]
    public async Task Dig_NameInNoZone_Refused(string name, string type, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{name} {type}", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("REFUSED"));
            Assert.That(string.Join(' ', response.Flags), Is.EqualTo("qr rd"), "no AA, no RA");
            Assert.That(response.Question, Is.EqualTo(new[] { new DigQuestion(name == "." ? "." : name + ".", "IN", type) }));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority, Is.Empty);
            Assert.That(response.Additional, Is.Empty);
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [TestCase("+norec")]
    [CancelAfter(10_000)]
    public async Task Dig_NameInNoZone_RefusedOverEveryTransport(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} www.example.org A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("REFUSED"));
            Assert.That(response.HasFlag("aa"), Is.False);
            Assert.That(response.HasFlag("ra"), Is.False);
            Assert.That(response.HasFlag("rd"), Is.EqualTo(options != "+norec"), "RD is echoed");
        }
    }

    [TestCase("CH", "version.bind", "TXT")]
    [TestCase("CH", "twopir.example.com", "A")]
    [TestCase("HS", "twopir.example.com", "A")]
    [TestCase("ANY", "twopir.example.com", "A")]
    [CancelAfter(10_000)]
    public async Task Dig_ClassOtherThanIn_Refused(string recordClass, string name, string type, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"-c {recordClass} -t {type} {name}", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("REFUSED"));
            Assert.That(response.HasFlag("aa"), Is.False);
            Assert.That(response.HasFlag("ra"), Is.False);
            Assert.That(response.Question, Is.EqualTo(new[] { new DigQuestion(name + ".", recordClass, type) }));
            Assert.That(response.Answer, Is.Empty);
        }
    }
}
