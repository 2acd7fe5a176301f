using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Transfers;

/// <summary>With Dns:AllowTransfer empty, the default, nobody may transfer a zone (RFC 5936 §6).</summary>
[Category("Integration")]
public sealed class TransferRefusedTests : ServedZonesFixture
{
    [TestCase("example.com")]
    [TestCase("2.0.192.in-addr.arpa")]
    [CancelAfter(10_000)]
    public async Task Dig_AxfrByDefault_Refused(string zone, CancellationToken ct)
    {
        // +comments: dig hides the header of a zone transfer by default.
        DigOutput output = await Dig.RunAsync(Server.Port, $"+comments {zone} AXFR", ct);

        Assert.That(output.Messages, Has.Count.EqualTo(1), output.Text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.TransferFailed, Is.True);
            Assert.That(output.Messages[0].Status, Is.EqualTo("REFUSED"));
            Assert.That(output.Messages[0].HasFlag("aa"), Is.False);
            Assert.That(output.Messages[0].Answer, Is.Empty);
            // Refusals are logged at most once a minute, so only the first is certain to name its zone.
            Assert.That(Server.Logs.WithEventId(1031).Select(entry => entry.Message), Has.Some.Contains(". refused to 127.0.0.1"));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Query_AxfrOverUdp_NotImplemented(CancellationToken ct)
    {
        // dig always sends AXFR over TCP, +notcp or not, so this query is built by hand.
        byte[] query = TestQuery.Build(0x4242, "example.com", TestQuery.TypeAxfr);

        byte[] reply = await DnsUdpExchange.ExchangeAsync(Server.Endpoint, query, ct);

        TransferAssert.NotImplementedOverUdp(query, reply);
    }
}
