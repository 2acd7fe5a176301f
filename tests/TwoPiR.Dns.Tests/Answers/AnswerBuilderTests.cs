using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>RFC 1034 §4.3.2 as an authoritative server answers it, driven through the handler.</summary>
public sealed class AnswerBuilderTests
{
    private const int NoError = (int)ResponseCode.NoError;
    private const int NameError = (int)ResponseCode.NameError;

    private static readonly Zone s_zone = TestZones.Load(AnswerZone.Text);
    private readonly QueryHandler _handler = TestHandlers.Create(TestZones.Store(s_zone));

    [Test]
    public void Write_ExistingRRset_AuthoritativeAnswerWithZoneTtl()
    {
        ResponseView response = Ask("twopir.example.com", RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Authoritative, Is.True);
        Assert.That(response.Answers.Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.1", "192.0.2.2" }));
        Assert.That(response.Answers.Select(record => record.Ttl), Is.All.EqualTo(30));
        Assert.That(response.Authority, Is.Empty, "minimal responses: no NS in authority");
    }

    [Test]
    public void Write_Cname_FollowsToTheTarget()
    {
        ResponseView response = Ask("www.example.com", RecordType.A);

        Assert.That(response.Answers.Select(record => (record.Owner, record.Type)), Is.EqualTo(new[]
        {
            ("www.example.com.", RecordType.CNAME),
            ("twopir.example.com.", RecordType.A),
            ("twopir.example.com.", RecordType.A),
        }));
    }

    [Test]
    public void Write_CnameChain_EveryLinkInOrder()
    {
        ResponseView response = Ask("chain1.example.com", RecordType.A);

        Assert.That(response.Answers.Select(record => record.Data).Take(3), Is.EqualTo(new[]
        {
            "chain2.example.com.", "chain3.example.com.", "twopir.example.com.",
        }));
        Assert.That(response.Answers, Has.Count.EqualTo(5));
    }

    [Test]
    public void Write_CnameQuestion_AnswersTheAliasItself()
    {
        ResponseView response = Ask("www.example.com", RecordType.CNAME);

        Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { "twopir.example.com." }));
    }

    [Test]
    public void Write_CnameLoop_StopsAfterEachAliasOnce()
    {
        ResponseView response = Ask("loop1.example.com", RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Answers.Select(record => record.Owner), Is.EqualTo(new[] { "loop1.example.com.", "loop2.example.com." }));
    }

    [Test]
    public void Write_CnameOutOfZone_StopsWithTheAlias()
    {
        ResponseView response = Ask("away.example.com", RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { "www.example.org." }));
        Assert.That(response.Authority, Is.Empty);
    }

    [Test]
    public void Write_CnameToMissingName_NameErrorForTheTarget()
    {
        ResponseView response = Ask("dangling.example.com", RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NameError), "RFC 6604: the RCODE speaks of the last name in the chain");
        Assert.That(response.Answers.Select(record => record.Type), Is.EqualTo(new[] { RecordType.CNAME }));
        Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [Test]
    public void Write_MissingName_NameErrorWithSoaAtNegativeTtl()
    {
        ResponseView response = Ask("nope.example.com", RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NameError));
        Assert.That(response.Authoritative, Is.True);
        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Authority, Is.EqualTo(new[] { new ResponseRecord("example.com.", RecordType.SOA, 60, "ns1.example.com.") }));
    }

    [Test]
    public void Write_MissingType_NoDataWithSoa()
    {
        ResponseView response = Ask("twopir.example.com", RecordType.AAAA);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Authority.Select(record => (record.Type, record.Ttl)), Is.EqualTo(new[] { (RecordType.SOA, 60u) }));
    }

    [TestCase("ent.example.com")]
    [TestCase("b.ent.example.com")]
    public void Write_EmptyNonTerminal_NoDataNotNameError(string name)
    {
        ResponseView response = Ask(name, RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [TestCase("x.wild.example.com")]
    [TestCase("x.y.wild.example.com")]
    [TestCase("*.wild.example.com")]
    public void Write_NameUnderWildcard_SynthesizedWithTheQueryName(string name)
    {
        ResponseView response = Ask(name, RecordType.A);

        Assert.That(response.Answers, Is.EqualTo(new[] { new ResponseRecord(name + ".", RecordType.A, 300, "192.0.2.40") }));
    }

    [Test]
    public void Write_WildcardWithoutTheType_NoData()
    {
        ResponseView response = Ask("x.wild.example.com", RecordType.AAAA);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [Test]
    public void Write_WildcardOwnerItself_IsAnEmptyNonTerminal()
    {
        ResponseView response = Ask("wild.example.com", RecordType.A);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Answers, Is.Empty);
    }

    [Test]
    public void Write_CnameIntoWildcard_Synthesizes()
    {
        ResponseView response = Ask("wildalias.example.com", RecordType.TXT);

        Assert.That(response.Answers.Select(record => (record.Owner, record.Type)), Is.EqualTo(new[]
        {
            ("wildalias.example.com.", RecordType.CNAME),
            ("x.wild.example.com.", RecordType.TXT),
        }));
    }

    [TestCase("sub.example.com", (int)RecordType.A)]
    [TestCase("host.sub.example.com", (int)RecordType.A)]
    [TestCase("deep.host.sub.example.com", (int)RecordType.MX)]
    [TestCase("sub.example.com", (int)RecordType.NS)]
    [TestCase("ns.sub.example.com", (int)RecordType.A)]
    public void Write_NameAtOrBelowCut_ReferralWithGlue(string name, int type)
    {
        ResponseView response = Ask(name, (RecordType)type);

        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Authoritative, Is.False);
        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Authority.Select(record => record.Data), Is.EquivalentTo(new[] { "ns.sub.example.com.", "ns.elsewhere.net." }));
        Assert.That(response.Additional.Select(record => (record.Owner, record.Data)), Is.EquivalentTo(new[]
        {
            ("ns.sub.example.com.", "192.0.2.60"),
            ("ns.sub.example.com.", "2001:db8::60"),
        }));
    }

    [Test]
    public void Write_CnameIntoDelegation_AliasThenReferral()
    {
        ResponseView response = Ask("tosub.example.com", RecordType.A);

        Assert.That(response.Authoritative, Is.True, "authoritative for the alias");
        Assert.That(response.Answers.Select(record => (record.Type, record.Data)), Is.EqualTo(new[] { (RecordType.CNAME, "host.sub.example.com.") }));
        Assert.That(response.Authority.Select(record => (record.Owner, record.Type)).Distinct(), Is.EqualTo(new[] { ("sub.example.com.", RecordType.NS) }));
        Assert.That(response.Additional.Select(record => record.Owner).Distinct(), Is.EqualTo(new[] { "ns.sub.example.com." }));
    }

    [Test]
    public void Write_DsAtCut_AnsweredByTheParent()
    {
        ResponseView response = Ask("sub.example.com", RecordType.DS);

        Assert.That(response.Authoritative, Is.True);
        Assert.That(response.ResponseCode, Is.EqualTo(NoError));
        Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [Test]
    public void Write_AnyOverUdp_OneRRset()
    {
        ResponseView response = Ask("example.com", RecordType.ANY);

        Assert.That(response.Answers.Select(record => record.Type).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Write_AnyOverTcp_EveryRRset()
    {
        ResponseView response = Ask("example.com", RecordType.ANY, DnsTransport.Tcp);

        Assert.That(response.Answers.Select(record => record.Type).Distinct(), Is.EquivalentTo(new[] { RecordType.NS, RecordType.SOA }));
    }

    [Test]
    public void Write_AnyAtEmptyNonTerminal_NoData()
    {
        ResponseView response = Ask("ent.example.com", RecordType.ANY);

        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [Test]
    public void Write_MxAnswer_ExchangeNameDecompresses()
    {
        ResponseView response = Ask("mail.example.com", RecordType.MX);

        Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { "10 twopir.example.com." }));
    }

    private ResponseView Ask(string name, RecordType type, DnsTransport transport = DnsTransport.Udp)
    {
        byte[] response = new byte[ushort.MaxValue];
        QueryResult result = _handler.Handle(QueryBytes.Create(name, (ushort)type, ednsPayload: 1232), response, new QueryContext(transport));
        return ResponseView.Parse(response.AsSpan(0, result.Length));
    }
}
