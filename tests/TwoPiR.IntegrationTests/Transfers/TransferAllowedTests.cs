using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Transfers;

/// <summary>With Dns:AllowTransfer naming 127.0.0.1, dig may transfer whole zones over TCP (RFC 5936).</summary>
[Category("Integration")]
public sealed class TransferAllowedTests
{
    /// <summary>The records of Zones/example.com.zone, as the server counts them when it loads the file.</summary>
    private const int ExampleRecords = 49;

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Dig.EnsureInstalled();
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?> { ["Dns:AllowTransfer:0"] = "127.0.0.1" });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Dig_Axfr_ReturnsEveryRecordBetweenTwoSoas(CancellationToken ct)
    {
        DigOutput output = await Dig.RunAsync(_server.Port, "example.com AXFR", ct);
        DigRecord[] records = [.. output.Messages.SelectMany(message => message.Answer)];

        Assert.That(output.TransferFailed, Is.False, output.Text);
        using (Assert.EnterMultipleScope())
        {
            // RFC 5936 §2.2: the SOA first and last, every other record once in between.
            Assert.That(records[0].Type, Is.EqualTo("SOA"));
            Assert.That(records[^1], Is.EqualTo(records[0]));
            Assert.That(records.Count(record => record.Type == "SOA"), Is.EqualTo(2));
            Assert.That(records, Has.Length.EqualTo(ExampleRecords + 1));
            Assert.That(records[..^1], Is.Unique);
            Assert.That(records.Select(record => record.Owner), Has.All.EndsWith("example.com."));
            Assert.That(records, Is.SupersetOf(new[]
            {
                new DigRecord("twopir.example.com.", 60, "IN", "A", "192.0.2.10"),
                new DigRecord("twopir.example.com.", 60, "IN", "A", "192.0.2.11"),
                new DigRecord("*.wild.example.com.", 3600, "IN", "TXT", "\"wildcard\""),
                new DigRecord("sub.example.com.", 3600, "IN", "NS", "ns.example.net."),
                new DigRecord("ns1.sub.example.com.", 3600, "IN", "AAAA", "2001:db8::53"),
                new DigRecord("host.ent.example.com.", 3600, "IN", "A", "192.0.2.60"),
            }));
            Assert.That(records.Count(record => record.Owner == "huge.example.com."), Is.EqualTo(8));
            Assert.That(_server.Logs.WithEventId(1030).Select(entry => entry.Message), Has.Some.StartsWith("AXFR of example.com. serial 2026010101"));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AxfrOfReverseZone_ReturnsItsRecords(CancellationToken ct)
    {
        DigOutput output = await Dig.RunAsync(_server.Port, "2.0.192.in-addr.arpa AXFR", ct);
        DigRecord[] records = [.. output.Messages.SelectMany(message => message.Answer)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.TransferFailed, Is.False, output.Text);
            Assert.That(records[0].Type, Is.EqualTo("SOA"));
            Assert.That(records[^1], Is.EqualTo(records[0]));
            Assert.That(records[1..^1].Select(record => record.Type), Is.EquivalentTo(new[] { "NS", "NS", "PTR", "PTR" }));
        }
    }

    [TestCase("twopir.example.com", "NOTAUTH")]
    [TestCase("sub.example.com", "NOTAUTH")]
    [TestCase("example.org", "REFUSED")]
    [CancelAfter(10_000)]
    public async Task Dig_AxfrOfNameThatIsNoZoneApex_Fails(string name, string status, CancellationToken ct)
    {
        DigOutput output = await Dig.RunAsync(_server.Port, $"+comments {name} AXFR", ct);

        Assert.That(output.Messages, Has.Count.EqualTo(1), output.Text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.TransferFailed, Is.True);
            Assert.That(output.Messages[0].Status, Is.EqualTo(status));
            Assert.That(output.Messages[0].Answer, Is.Empty);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Query_AxfrOverUdpFromAllowedClient_StillNotImplemented(CancellationToken ct)
    {
        byte[] query = TestQuery.Build(0x4242, "example.com", TestQuery.TypeAxfr);

        byte[] reply = await DnsUdpExchange.ExchangeAsync(_server.Endpoint, query, ct);

        TransferAssert.NotImplementedOverUdp(query, reply);
    }
}
