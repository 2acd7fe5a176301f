using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Answers;

/// <summary>Names with data of the asked type: authoritative answers (RFC 1034 §4.3.2 step 3a).</summary>
[Category("Integration")]
public sealed class PositiveAnswerTests : ServedZonesFixture
{
    [TestCase("", "qr aa rd")]
    [TestCase("+tcp", "qr aa rd")]
    [TestCase("+norec", "qr aa")]
    [TestCase("+noedns", "qr aa rd")]
    [TestCase("+bufsize=512", "qr aa rd")]
    [TestCase("+tcp +norec +noedns", "qr aa")]
    [TestCase("+cdflag", "qr aa rd cd")]
    [TestCase("+adflag", "qr aa rd")]
    [CancelAfter(10_000)]
    public async Task Dig_WebName_ReturnsBothAddressesAuthoritatively(string options, string flags, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} twopir.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(string.Join(' ', response.Flags), Is.EqualTo(flags), "RD and CD are echoed; RA and AD are never set");
            Assert.That(response.Question, Is.EqualTo(new[] { new DigQuestion("twopir.example.com.", "IN", "A") }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.10", "192.0.2.11" }));
            Assert.That(response.Answer.Select(record => (record.Owner, record.Ttl, record.Class, record.Type)).Distinct(), Is.EqualTo(new[] { ("twopir.example.com.", 60u, "IN", "A") }));
            Assert.That(response.Authority, Is.Empty);
            Assert.That(response.Additional, Is.Empty);
        }
    }

    [TestCase("ipv6.example.com", "AAAA", "2001:db8::10")]
    [TestCase("ns2.example.com", "AAAA", "2001:db8::2")]
    [TestCase("example.com", "MX", "10 mail.example.com.")]
    [TestCase("example.com", "NS", "ns1.example.com.")]
    [TestCase("example.com", "SOA", "ns1.example.com. hostmaster.example.com. 2026010101 7200 900 1209600 300")]
    [TestCase("example.com", "CAA", "0 issue \"letsencrypt.org\"")]
    [TestCase("_http._tcp.example.com", "SRV", "10 5 80 twopir.example.com.")]
    [TestCase("txt.example.com", "TXT", "\"hello\" \"world\"")]
    [TestCase("10.2.0.192.in-addr.arpa", "PTR", "twopir.example.com.")]
    [CancelAfter(10_000)]
    public async Task Dig_TypedRecord_ReturnsItsData(string name, string type, string data, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{name} {type}", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Answer.Select(record => record.Type), Has.All.EqualTo(type));
            Assert.That(response.Answer.Select(record => record.Owner), Has.All.EqualTo(name + "."));
            Assert.That(response.Answer.Select(record => record.Data), Has.Member(data));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_MixedCaseName_EchoesTheQuestionAsAsked(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "TwOpIr.ExAmPlE.cOm A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Question, Is.EqualTo(new[] { new DigQuestion("TwOpIr.ExAmPlE.cOm.", "IN", "A") }));
            Assert.That(response.Answer, Has.Count.EqualTo(2));
            Assert.That(response.Answer.Select(record => record.Owner), Has.All.EqualTo("twopir.example.com.").IgnoreCase);
        }
    }
}
