using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Edns;

/// <summary>EDNS(0) (RFC 6891): the OPT record answered, its version checked, DO echoed, unknown options ignored.</summary>
[Category("Integration")]
public sealed class EdnsTests : ServedZonesFixture
{
    [TestCase("")]
    [TestCase("+tcp")]
    [TestCase("+bufsize=512")]
    [TestCase("+bufsize=4096")]
    [CancelAfter(10_000)]
    public async Task Dig_EdnsQuery_AdvertisesVersion0AndUdp1232(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} twopir.example.com A", ct);

        Assert.That(response.Edns, Is.Not.Null, "the response has no OPT");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Edns!.Version, Is.Zero);
            Assert.That(response.Edns.UdpSize, Is.EqualTo(1232), "the advertised size is Dns:MaxUdpPayload, whatever the query offered");
            Assert.That(response.Edns.Flags, Is.Empty);
            Assert.That(response.Edns.Options, Is.Empty);
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_DnssecOk_EchoesDo(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} +dnssec twopir.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Edns?.Flags, Is.EqualTo(new[] { "do" }));
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_NoEdns_AnswersWithoutOpt(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} +noedns twopir.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Edns, Is.Null);
            Assert.That(response.AdditionalCount, Is.Zero);
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_EdnsVersion1_ReturnsBadversWithVersion0(string options, CancellationToken ct)
    {
        // +noednsneg: otherwise dig retries with version 0 and prints that answer instead.
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} +edns=1 +noednsneg twopir.example.com A", ct);

        // RFC 6891 §6.1.3: BADVERS, with the highest version the responder implements.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("BADVERS"));
            Assert.That(response.HasFlag("aa"), Is.False);
            Assert.That(response.Question, Is.EqualTo(new[] { new DigQuestion("twopir.example.com.", "IN", "A") }));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Edns?.Version, Is.Zero);
            Assert.That(response.Edns?.UdpSize, Is.EqualTo(1232));
        }
    }

    [TestCase("")]
    [TestCase("+tcp")]
    [CancelAfter(10_000)]
    public async Task Dig_UnknownOption_IsIgnored(string options, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"{options} +ednsopt=65001:abcd twopir.example.com A", ct);

        // RFC 6891 §6.1.2: options the responder does not understand are ignored, and not echoed.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Answer, Has.Count.EqualTo(2));
            Assert.That(response.Edns?.Options, Has.None.StartsWith("OPT=65001"));
        }
    }

    [TestCase("www.example.org A", "REFUSED")]
    [TestCase("nope.example.com A", "NXDOMAIN")]
    [TestCase("twopir.example.com MAILB", "NOTIMP")]
    [CancelAfter(10_000)]
    public async Task Dig_ErrorToEdnsQuery_CarriesOpt(string query, string status, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, query, ct);

        // RFC 6891 §7: a request with OPT gets a response with OPT, errors included.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Edns?.UdpSize, Is.EqualTo(1232));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_UnknownOpcodeWithEdns_ReturnsNotimpWithOpt(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, "+opcode=notify twopir.example.com SOA", ct);

        // RFC 6891 §7: "If an OPT record is present in a received request, compliant responders MUST include
        // an OPT record in their respective responses." Without it dig warns that EDNS looks unsupported.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Opcode, Is.EqualTo("NOTIFY"));
            Assert.That(response.Status, Is.EqualTo("NOTIMP"));
            Assert.That(response.Edns, Is.Not.Null, "NOTIMP to a query with OPT has no OPT");
        }
    }
}
