using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Answers that are relayed but must not be cached, so the next client's question goes upstream
/// again: TTL 0, a TTL with the top bit set (read as 0, RFC 2181 §8), NXDOMAIN without an SOA to
/// time it (RFC 2308 §5), and an answer over the 4096 octets the cache keeps. One scripted upstream
/// and one server for the fixture; each test asks its own name.
/// </summary>
[Category("Integration")]
public sealed class UncachedAnswerTests : ScriptedUpstreamFixture
{
    private const string Answer = "192.0.2.20";
    private const int HugeCount = 300; // 16 octets each: about 4.8 KB

    public UncachedAnswerTests()
        : base(Script)
    {
    }

    [TestCase("ttl0.fwd.test")]
    [TestCase("ttl2p31.fwd.test")]
    [CancelAfter(10_000)]
    public async Task Forward_TtlZero_IsRelayedWithTtlZeroAndAskedForAgain(string name, CancellationToken ct)
    {
        ResponseView first = await Rig.UdpAsync(QueryBytes.Create(name, (ushort)RecordType.A), ct);
        ResponseView second = await Rig.UdpAsync(QueryBytes.Create(name, (ushort)RecordType.A), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Answers.Select(record => (record.Ttl, record.Data)), Is.EqualTo(new[] { (0u, Answer) }));
            Assert.That(second.Answers.Select(record => (record.Ttl, record.Data)), Is.EqualTo(new[] { (0u, Answer) }));
            Assert.That(AskedFor(name), Is.EqualTo(2), "not cached: both went upstream");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_NxdomainWithoutSoa_IsRelayedAndAskedForAgain(CancellationToken ct)
    {
        const string Name = "nosoa.fwd.test";

        ResponseView first = await Rig.UdpAsync(QueryBytes.Create(Name, (ushort)RecordType.A), ct);
        ResponseView second = await Rig.UdpAsync(QueryBytes.Create(Name, (ushort)RecordType.A), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ResponseCode, Is.EqualTo((int)ResponseCode.NameError));
            Assert.That(second.ResponseCode, Is.EqualTo((int)ResponseCode.NameError));
            Assert.That(AskedFor(Name), Is.EqualTo(2), "RFC 2308 §5: no SOA, no negative caching");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_AnswerOverTheCachesLimit_IsRelayedWholeOverTcpAndAskedForAgain(CancellationToken ct)
    {
        const string Name = "huge.fwd.test";

        ResponseView first = await Rig.TcpAsync(QueryBytes.Create(Name, (ushort)RecordType.A), ct);
        ResponseView second = await Rig.TcpAsync(QueryBytes.Create(Name, (ushort)RecordType.A), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Message, Has.Length.GreaterThan(4096));
            Assert.That(first.Answers, Has.Count.EqualTo(HugeCount));
            Assert.That(second.Answers, Has.Count.EqualTo(HugeCount));
            Assert.That(AskedFor(Name, overTcp: true), Is.EqualTo(2), "answers over 4096 octets are not kept");
        }
    }

    private static IEnumerable<FakeReply> Script(ReceivedQuery query) => query.Name switch
    {
        "ttl0.fwd.test." => [UpstreamAnswer.To(query).WithAddresses(0, Answer).Reply()],
        "ttl2p31.fwd.test." => [UpstreamAnswer.To(query).WithAddresses(0x8000_0000, Answer).Reply()],
        "nosoa.fwd.test." => [(UpstreamAnswer.To(query) with { Code = ResponseCode.NameError }).Reply()],
        "huge.fwd.test." when !query.OverTcp => [(UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.Truncated }).Reply()],
        "huge.fwd.test." => [UpstreamAnswer.To(query).WithAddresses(60, [.. Enumerable.Range(0, HugeCount).Select(i => i < 250 ? $"192.0.2.{i}" : $"198.51.100.{i - 250}")]).Reply()],
        _ => [UpstreamAnswer.To(query).WithAddresses(60, Answer).Reply()],
    };

    private int AskedFor(string name, bool overTcp = false) => Scripted.Queries.Count(query => query.Name == name + "." && query.OverTcp == overTcp);
}
