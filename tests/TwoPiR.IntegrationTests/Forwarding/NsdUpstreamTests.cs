using TwoPiR.Dns.Wire;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Forwarding to a real authoritative upstream, NSD serving <see cref="FwdZone"/>, seen through the
/// real dig: the answer relayed with RA and without AA, the client's ID, question and spelling kept,
/// UDP limits of 512, EDNS and TCP, and what is never forwarded. We advertise 1400 octets here, so
/// our OPT record is told apart from NSD's 1232.
/// </summary>
[Category("Integration")]
public sealed class NsdUpstreamTests
{
    private const int OurPayload = 1400;

    private NsdUpstream _nsd = null!;
    private ForwardingRig _rig = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Dig.EnsureInstalled();
        _nsd = await NsdUpstream.StartAsync(CancellationToken.None);
        _rig = await ForwardingRig.StartAsync([_nsd.Upstream], new Dictionary<string, string?> { ["Dns:MaxUdpPayload"] = $"{OurPayload}" });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        if (_nsd is not null)
        {
            await _nsd.DisposeAsync();
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_NameInTheUpstreamsZone_IsRelayedWithRaAndWithoutAa(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(_rig.Port, $"{FwdZone.Web} A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }), "RA: we recursed; no AA: the answer is not ours");
            Assert.That(response.Answer.Select(record => (record.Owner, record.Type, record.Data)), Is.EqualTo(new[] { ($"{FwdZone.Web}.", "A", FwdZone.WebAddress) }));
            Assert.That(response.Answer[0].Ttl, Is.InRange(FwdZone.LongTtl - 60, FwdZone.LongTtl), "the upstream's TTL, less the time it was cached");
            Assert.That(response.Edns?.UdpSize, Is.EqualTo(OurPayload), "the upstream's OPT is hop-by-hop: the client gets ours");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_MixedCaseName_KeepsTheClientsSpelling(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(_rig.Port, "TwoPiR.Fwd.TEST A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Question.Select(question => question.Name), Is.EqualTo(new[] { "TwoPiR.Fwd.TEST." }));
            Assert.That(response.Answer.Select(record => record.Owner.ToLowerInvariant()), Is.EqualTo(new[] { $"{FwdZone.Web}." }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.WebAddress }));
        }
    }

    [TestCase(0x0000, false)]
    [TestCase(0xBEEF, false)]
    [TestCase(0xFFFF, false)]
    [TestCase(0xBEEF, true)]
    [CancelAfter(10_000)]
    public async Task Query_AnyId_IsEchoedWithTheQuestion(int id, bool tcp, CancellationToken ct)
    {
        byte[] query = QueryBytes.Create(FwdZone.Mail, (ushort)RecordType.A, id: (ushort)id);

        ResponseView response = tcp ? await _rig.TcpAsync(query, ct) : await _rig.UdpAsync(query, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Id, Is.EqualTo(id));
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
            Assert.That(response.QuestionName, Is.EqualTo($"{FwdZone.Mail}."));
            Assert.That(response.RecursionDesired, Is.True);
            Assert.That(response.RecursionAvailable, Is.True);
            Assert.That(response.Authoritative, Is.False);
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { FwdZone.MailAddress }));
        }
    }

    [TestCase("nope.fwd.test A", "NXDOMAIN")]
    [TestCase("twopir.fwd.test AAAA", "NOERROR")]
    [CancelAfter(10_000)]
    public async Task Dig_NegativeAnswerUpstream_IsRelayedWithTheSoa(string question, string status, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(_rig.Port, question, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(response.Authority.Select(record => (record.Owner, record.Type)), Is.EqualTo(new[] { ($"{FwdZone.Origin}.", "SOA") }));
        }
    }

    [TestCase("+noedns", FwdZone.Medium)]
    [TestCase("+bufsize=100", FwdZone.Medium)]
    [TestCase("+bufsize=512", FwdZone.Medium)]
    [TestCase("+bufsize=1232", FwdZone.Big)]
    [TestCase("+bufsize=4096", FwdZone.Big)]
    [CancelAfter(10_000)]
    public async Task Dig_AnswerOverTheClientsUdpLimit_GetsTcThenTheWholeAnswerOverTcp(string edns, string name, CancellationToken ct)
    {
        DigMessage truncated = await Dig.QueryAsync(_rig.Port, $"+ignore +notcp {edns} {name} TXT", ct);
        DigOutput retried = await Dig.RunAsync(_rig.Port, $"{edns} {name} TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(truncated.Status, Is.EqualTo("NOERROR"));
            Assert.That(truncated.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra", "tc" }));
            Assert.That(truncated.AnswerCount, Is.Zero, "an RRset is sent whole or not at all");
            Assert.That(retried.Text, Does.Contain(";; Truncated, retrying in TCP mode."));
            Assert.That(retried.Messages, Has.Count.EqualTo(1), retried.Text);
        }

        DigMessage whole = retried.Messages[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(whole.HasFlag("tc"), Is.False);
            Assert.That(whole.Answer.Select(record => record.Data), Is.EquivalentTo(FwdZone.Texts(name)));
        }
    }

    [TestCase("+bufsize=1232", 1232)]
    [TestCase("+bufsize=4096", OurPayload)]
    [CancelAfter(10_000)]
    public async Task Dig_AnswerWithinTheClientsUdpLimit_IsWhole(string edns, int limit, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(_rig.Port, $"+ignore +notcp {edns} {FwdZone.Medium} TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.HasFlag("tc"), Is.False, $"about 680 octets fit in {limit}");
            Assert.That(response.Answer, Has.Count.EqualTo(FwdZone.MediumRecords));
            Assert.That(response.Edns?.UdpSize, Is.EqualTo(OurPayload));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AnswerOverWhatWeAskUpstreamsFor_IsFetchedOverTcpAndRelayedWhole(CancellationToken ct)
    {
        // NSD truncates big.fwd.test to a query that offers our 1400 octets: we must ask again over TCP.
        DigMessage direct = await Dig.QueryAsync(_nsd.Endpoint.Port, $"+ignore +notcp +bufsize={OurPayload} {FwdZone.Big} TXT", ct);
        Assert.That(direct.HasFlag("tc"), Is.True, "NSD should truncate the big RRset at our size");

        DigMessage response = await Dig.QueryAsync(_rig.Port, $"+tcp {FwdZone.Big} TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EquivalentTo(FwdZone.Texts(FwdZone.Big)));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_NameInOurOwnZone_IsAnsweredByUsNotForwarded(CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(_rig.Port, "twopir.example.com A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "aa", "rd", "ra" }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.10", "192.0.2.11" }));
        }
    }

    [TestCase("+norec twopir.fwd.test A")]
    [TestCase("fwd.test CH SOA")]
    [CancelAfter(10_000)]
    public async Task Dig_NotForwardable_IsRefused(string question, CancellationToken ct)
    {
        ForwardingMetrics before = await _rig.MetricsAsync(ct);

        DigMessage response = await Dig.QueryAsync(_rig.Port, question, ct);

        ForwardingMetrics after = await _rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("REFUSED"), "no RD, or not class IN: not ours to forward");
            Assert.That(response.Answer, Is.Empty);
            Assert.That(after.Tries(_nsd.Upstream), Is.EqualTo(before.Tries(_nsd.Upstream)), after.ToString());
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_ZoneTransferOfAnUpstreamZone_IsRefused(CancellationToken ct)
    {
        ResponseView response = await _rig.TcpAsync(QueryBytes.Create(FwdZone.Origin, (ushort)RecordType.AXFR), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
            Assert.That(response.Answers, Is.Empty);
        }
    }
}
