using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Forged and mismatched answers (RFC 5452): only a datagram from the upstream's address and port,
/// with our ID and our question, is taken. Anything else is thrown away, counted as discarded when
/// it came from the upstream's port, and never cached; the real answer that follows still counts.
/// </summary>
[Category("Integration")]
public sealed class SpoofingTests
{
    private const string Right = "192.0.2.20";
    private const string Forged = "192.0.2.66";

    private static readonly Dictionary<string, string?> s_shortTimeout = new() { ["Forwarding:Timeout"] = "00:00:00.300" };

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
        await using FakeUpstream upstream = FakeUpstream.Start(query => [.. Mismatched(query), UpstreamAnswer.To(query).WithAddresses(60, Right).Reply()]);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], cancellationToken: ct);

        ResponseView first = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);
        ResponseView cached = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(cached.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(metrics.Discarded(upstream.Upstream), Is.EqualTo(Mismatched(upstream.Queries[0]).Count()), metrics.ToString());
            Assert.That(metrics.Tries(upstream.Upstream, "answered"), Is.EqualTo(1), metrics.ToString());
            Assert.That(upstream.Queries, Has.Count.EqualTo(1), "the second was answered from the cache");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_AnswerFromAnotherPortBeforeTheRightOne_IsNeverSeen(CancellationToken ct)
    {
        // Right ID, right question, right address: only the source port gives it away. It arrives first.
        await using FakeUpstream upstream = FakeUpstream.Start(query =>
            [UpstreamAnswer.To(query).WithAddresses(60, Forged).FromAnotherPort(), UpstreamAnswer.To(query).WithAddresses(60, Right).Reply()]);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], cancellationToken: ct);

        ResponseView first = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);
        ResponseView cached = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
            Assert.That(cached.Answers.Select(record => record.Data), Is.EqualTo(new[] { Right }));
        }
    }

    [TestCase(false, TestName = "{m}(mismatched, from the upstream's port)")]
    [TestCase(true, TestName = "{m}(right, from another port)")]
    [CancelAfter(10_000)]
    public async Task Forward_OnlyForgedAnswers_TimesOutToServfailAndCachesNothing(bool fromAnotherPort, CancellationToken ct)
    {
        await using FakeUpstream upstream = FakeUpstream.Start(query => fromAnotherPort
            ? [UpstreamAnswer.To(query).WithAddresses(60, Forged).FromAnotherPort()]
            : Mismatched(query));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], s_shortTimeout, ct);

        ResponseView first = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);
        ResponseView second = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(first.Answers, Is.Empty);
            Assert.That(second.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(upstream.Queries, Has.Count.EqualTo(2), "nothing was cached: the second query went upstream too");
            Assert.That(metrics.Tries(upstream.Upstream, "timeout"), Is.EqualTo(2), metrics.ToString());
            Assert.That(metrics.Entries, Is.Zero, metrics.ToString());
        }
    }

    [TestCase("wrong ID")]
    [TestCase("wrong name")]
    [TestCase("truncated")]
    [CancelAfter(10_000)]
    public async Task Forward_MismatchedAnswerOverTcp_FailsTheTry(string fault, CancellationToken ct)
    {
        await using FakeUpstream upstream = FakeUpstream.Start(query => query.OverTcp
            ? [TcpFault(query, fault).WithAddresses(60, Forged).Reply()]
            : [(UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.Truncated }).Reply()]);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], s_shortTimeout, ct);

        ResponseView response = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(upstream.Queries.Select(query => query.OverTcp), Is.EqualTo(new[] { false, true }));
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(response.Answers, Is.Empty);
            Assert.That(metrics.Tries(upstream.Upstream, "failed"), Is.EqualTo(1), metrics.ToString());
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_MalformedAnswerWithOurIdAndQuestion_FailsTheTry(CancellationToken ct)
    {
        // ANCOUNT says one record, but its RDATA stops two octets short.
        await using FakeUpstream upstream = FakeUpstream.Start(query =>
            [new FakeReply(UpstreamAnswer.To(query).WithAddresses(60, Forged).ToBytes()[..^2], FromAnotherPort: false)]);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], s_shortTimeout, ct);

        ResponseView response = await rig.UdpAsync(QueryBytes.Create("www.fwd.test", (ushort)RecordType.A), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
            Assert.That(metrics.Tries(upstream.Upstream, "failed"), Is.EqualTo(1), metrics.ToString());
        }
    }

    private static UpstreamAnswer TcpFault(ReceivedQuery query, string fault) => fault switch
    {
        "wrong ID" => UpstreamAnswer.To(query) with { Id = (ushort)(query.Id ^ 0x5A5A) },
        "wrong name" => UpstreamAnswer.To(query) with { Name = "other.fwd.test" },
        _ => UpstreamAnswer.To(query) with { Flags = HeaderFlags.Response | HeaderFlags.Truncated }, // TC over TCP: nowhere left to go
    };
}
