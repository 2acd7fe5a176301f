using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>How a health-checked name is answered: TTL cap, and each policy when every node is down.</summary>
public sealed class AnswerBuilderHealthTests
{
    private static readonly Zone s_zone = TestZones.Load(AnswerZone.Text);

    [Test]
    public void Write_CheckedName_TtlCapped()
    {
        ResponseView response = Ask(Handler(AllDownPolicy.ServeAll, down: []), "twopir.example.com");

        Assert.That(response.Answers.Select(record => record.Ttl), Is.EqualTo(new[] { 4, 4 }));
    }

    [Test]
    public void Write_OneNodeDown_AnswersTheOther()
    {
        ResponseView response = Ask(Handler(AllDownPolicy.NoData, down: ["192.0.2.1"]), "twopir.example.com");

        Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.2" }));
    }

    [Test]
    public void Write_AllDownServeAll_AnswersEveryNode()
    {
        ResponseView response = Ask(Handler(AllDownPolicy.ServeAll, down: ["192.0.2.1", "192.0.2.2"]), "twopir.example.com");

        Assert.That(response.Answers.Select(record => record.Data), Is.EquivalentTo(new[] { "192.0.2.1", "192.0.2.2" }));
    }

    [Test]
    public void Write_AllDownNoData_NoErrorWithSoaAndCappedNegativeTtl()
    {
        ResponseView response = Ask(Handler(AllDownPolicy.NoData, down: ["192.0.2.1", "192.0.2.2"]), "twopir.example.com");

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
        Assert.That(response.Authoritative, Is.True);
        Assert.That(response.Answers, Is.Empty);
        Assert.That(response.Authority.Select(record => (record.Type, record.Ttl)), Is.EqualTo(new[] { (RecordType.SOA, 4) }));
    }

    [Test]
    public void Write_AllDownNoDataThroughCname_AliasThenNoData()
    {
        ResponseView response = Ask(Handler(AllDownPolicy.NoData, down: ["192.0.2.1", "192.0.2.2"]), "www.example.com");

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
        Assert.That(response.Answers.Select(record => record.Type), Is.EqualTo(new[] { RecordType.CNAME }));
        Assert.That(response.Authority.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [TestCase("twopir.example.com")]
    [TestCase("www.example.com")]
    public void Write_AllDownServFail_ServerFailureWithNoRecords(string name)
    {
        ResponseView response = Ask(Handler(AllDownPolicy.ServFail, down: ["192.0.2.1", "192.0.2.2"]), name);

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
        Assert.That(response.Authoritative, Is.False);
        Assert.That(response.Answers.Concat(response.Authority), Is.Empty);
    }

    [Test]
    public void Write_AllDownServFail_OtherTypesOfTheNameUnaffected()
    {
        ResponseView response = Ask(Handler(AllDownPolicy.ServFail, down: ["192.0.2.1", "192.0.2.2"]), "twopir.example.com", RecordType.TXT);

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
    }

    private static QueryHandler Handler(AllDownPolicy policy, string[] down)
    {
        FixedHealthView health = new();
        foreach (string address in down)
        {
            health.With(address, HealthState.Unhealthy);
        }

        CheckedRRsets index = TestHealth.Checking(s_zone, "twopir.example.com", new HealthPolicy(4, policy));
        return TestHandlers.Create(TestZones.Store(s_zone), health: health, checkedRRsets: index);
    }

    private static ResponseView Ask(QueryHandler handler, string name, RecordType type = RecordType.A)
    {
        byte[] response = new byte[ushort.MaxValue];
        QueryResult result = handler.Handle(QueryBytes.Create(name, (ushort)type, ednsPayload: 1232), response, new QueryContext(DnsTransport.Udp));
        return ResponseView.Parse(response.AsSpan(0, result.Length));
    }
}
