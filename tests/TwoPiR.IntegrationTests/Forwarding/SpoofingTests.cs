using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Forged and mismatched answers (RFC 5452): only a datagram from the upstream's address and port,
/// with our ID and our question, is taken. Anything else is thrown away, counted as discarded when
/// it came from the upstream's port, and never cached; the real answer that follows still counts.
/// One scripted upstream and one server serve the fixture, which never skips the upstream; each
/// test asks its own name and counts what its queries add to the metrics.
/// </summary>
[Category("Integration")]
public sealed class SpoofingTests : ScriptedUpstreamFixture
{
    private const string Right = "192.0.2.20";
    private const string Forged = "192.0.2.66";

    public SpoofingTests()
        : base(FakeUpstream.Silent, new Dictionary<string, string?>
        {
            ["Forwarding:Timeout"] = "00:00:00.300",
            ["Forwarding:SkipAfterFailures"] = "1000", // the timeouts here are the point, not a reason to skip
        })
    {
    }

    /// <summary>Answers that look like ours but are not, each wrong in one way, all from the upstream's own port.</summary>
    private static IEnumerable<FakeReply> Mismatched(ReceivedQuery query) =>
    [
        (UpstreamAnswer.To(query) with { Id = (ushort)(query.Id ^ 0x5A5A) }).WithAddresses(60, Forged).Reply(),
        (UpstreamAnswer.To(query) with { Name = "other.fwd.test" }).WithAddresses(60, Forged).Reply(),
        (UpstreamAnswer.To(query) with { Name = (query.Name[0] == 'a' ? "b" : "a") + query.Name[1..] }).WithAddresses(60, Forged).Reply(), // same length
        (UpstreamAnswer.To(query) with { Type = RecordType.AAAA }).Reply(),
        (UpstreamAnswer.To(query) with { Class = RecordClass.CH }).WithAddresses(60, Forged).Reply(),
        (UpstreamAnswer.To(query) with { Flags = HeaderFlags.RecursionDesired }).WithAddresses(60, Forged).Reply(), // QR clear: a query, not an answer
    ];

    [Test, CancelAfter(10_000)]
    public async Task Forward_MismatchedAnswersBeforeTheRightOne_RelaysTheRightOneAndCountsTheRest(CancellationToken ct)
    {
        Scripted.Reset(query => [.. Mismatched(query), UpstreamAnswer.To(query).WithAddresses(60, Right).Reply()]);
        ForwardingMetrics before = await Rig.MetricsAsync(ct);

        ResponseView first = await Rig.UdpAsync(Query("mismatched.fwd.test"), ct);
        ResponseView cached = await Rig.UdpAsync(Query("mismatched.fwd.test"), ct);

        ForwardingMetrics after = await Rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(cached.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(after.Discarded(Scripted.Upstream) - before.Discarded(Scripted.Upstream), Is.EqualTo(Mismatched(Scripted.Queries[0]).Count()), after.ToString());
            Assert.That(after.Tries(Scripted.Upstream, "answered") - before.Tries(Scripted.Upstream, "answered"), Is.EqualTo(1), after.ToString());
            Assert.That(Scripted.Queries, Has.Count.EqualTo(1), "the second was answered from the cache");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_AnswerFromAnotherPortBeforeTheRightOne_IsNeverSeen(CancellationToken ct)
    {
        // Right ID, right question, right address: only the source port gives it away. It arrives first.
        Scripted.Reset(query =>
            [UpstreamAnswer.To(query).WithAddresses(60, Forged).FromAnotherPort(), UpstreamAnswer.To(query).WithAddresses(60, Right).Reply()]);

        ResponseView first = await Rig.UdpAsync(Query("port.fwd.test"), ct);
        ResponseView cached = await Rig.UdpAsync(Query("port.fwd.test"), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(cached.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(Scripted.Queries, Has.Count.EqualTo(1));
        }
    }

    [TestCase(false, TestName = "{m}(mismatched, from the upstream's port)")]
    [TestCase(true, TestName = "{m}(right, from another port)")]
    [CancelAfter(10_000)]
    public async Task Forward_OnlyForgedAnswers_TimesOutToServfailAndCachesNothing(bool fromAnotherPort, CancellationToken ct)
    {
        string name = fromAnotherPort ? "forged-port.fwd.test" : "forged-mismatched.fwd.test";
        Scripted.Reset(query => fromAnotherPort ? [UpstreamAnswer.To(query).WithAddresses(60, Forged).FromAnotherPort()] : Mismatched(query));
        ForwardingMetrics before = await Rig.MetricsAsync(ct);

        ResponseView first = await Rig.UdpAsync(Query(name), ct);
        ResponseView second = await Rig.UdpAsync(Query(name), ct);

        ForwardingMetrics after = await Rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(first.Answers, Is.Empty);
            Assert.That(second.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(Scripted.Queries, Has.Count.EqualTo(2), "nothing was cached: the second query went upstream too");
            Assert.That(after.Tries(Scripted.Upstream, "timeout") - before.Tries(Scripted.Upstream, "timeout"), Is.EqualTo(2), after.ToString());
            Assert.That(after.Entries, Is.EqualTo(before.Entries), after.ToString());
        }
    }

    [TestCase("wrong ID")]
    [TestCase("wrong name")]
    [TestCase("truncated")]
    [CancelAfter(10_000)]
    public async Task Forward_MismatchedAnswerOverTcp_FailsTheTry(string fault, CancellationToken ct)
    {
        Scripted.Reset(query => query.OverTcp
            ? [TcpFault(query, fault).WithAddresses(60, Forged).Reply()]
            : [(UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.Truncated }).Reply()]);
        ForwardingMetrics before = await Rig.MetricsAsync(ct);

        ResponseView response = await Rig.UdpAsync(Query($"tcp-{fault.Replace(' ', '-')}.fwd.test"), ct);

        ForwardingMetrics after = await Rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Scripted.Queries.Select(query => query.OverTcp), Is.EqualTo(new[] { false, true }));
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(response.Answers, Is.Empty);
            Assert.That(after.Tries(Scripted.Upstream, "failed") - before.Tries(Scripted.Upstream, "failed"), Is.EqualTo(1), after.ToString());
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_MalformedAnswerWithOurIdAndQuestion_FailsTheTry(CancellationToken ct)
    {
        // ANCOUNT says one record, but its RDATA stops two octets short.
        Scripted.Reset(query => [new FakeReply(UpstreamAnswer.To(query).WithAddresses(60, Forged).ToBytes()[..^2], FromAnotherPort: false)]);
        ForwardingMetrics before = await Rig.MetricsAsync(ct);

        ResponseView response = await Rig.UdpAsync(Query("malformed.fwd.test"), ct);

        ForwardingMetrics after = await Rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(after.Tries(Scripted.Upstream, "failed") - before.Tries(Scripted.Upstream, "failed"), Is.EqualTo(1), after.ToString());
        }
    }

    private static byte[] Query(string name) => QueryBytes.Create(name, (ushort)RecordType.A);

    private static UpstreamAnswer TcpFault(ReceivedQuery query, string fault) => fault switch
    {
        "wrong ID" => UpstreamAnswer.To(query) with { Id = (ushort)(query.Id ^ 0x5A5A) },
        "wrong name" => UpstreamAnswer.To(query) with { Name = "other.fwd.test" },
        _ => UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.Truncated }, // TC over TCP: nowhere left to go
    };
}
