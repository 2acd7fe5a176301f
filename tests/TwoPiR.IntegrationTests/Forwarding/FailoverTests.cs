using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// Upstreams tried in order: SERVFAIL, REFUSED, silence past Timeout and a closed port each send the
/// query to the next; one that failed SkipAfterFailures times is skipped for SkipFor, then tried
/// again, and while skipped it is still asked when nobody else answers.
/// </summary>
[Category("Integration")]
public sealed class FailoverTests
{
    private const string FirstAddress = "192.0.2.1";
    private const string SecondAddress = "192.0.2.2";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(300);

    [TestCase(2, TestName = "{m}(SERVFAIL)")]
    [TestCase(5, TestName = "{m}(REFUSED)")]
    [CancelAfter(10_000)]
    public async Task Forward_FirstUpstreamAnswersUnusably_TheSecondAnswers(int code, CancellationToken ct)
    {
        await using FakeUpstream first = FakeUpstream.Start(FakeUpstream.Failing((ResponseCode)code));
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Answering(60, SecondAddress));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Upstream, second.Upstream], Settings(), ct);

        ResponseView response = await rig.UdpAsync(Query("www.fwd.test"), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { SecondAddress }));
            Assert.That(metrics.Tries(first.Upstream, "servfail_or_refused"), Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Tries(second.Upstream, "answered"), Is.EqualTo(1), metrics.ToString());
        }
    }

    [TestCase(2, 5, TestName = "{m}(SERVFAIL, REFUSED)")]
    [TestCase(5, 2, TestName = "{m}(REFUSED, SERVFAIL)")]
    [CancelAfter(10_000)]
    public async Task Forward_EveryUpstreamAnswersUnusably_RelaysTheFirstAnswer(int firstCode, int secondCode, CancellationToken ct)
    {
        await using FakeUpstream first = FakeUpstream.Start(FakeUpstream.Failing((ResponseCode)firstCode));
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Failing((ResponseCode)secondCode));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Upstream, second.Upstream], Settings(), ct);

        ResponseView response = await rig.UdpAsync(Query("www.fwd.test"), ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ResponseCode, Is.EqualTo(firstCode), "the first unusable answer is kept to relay");
            Assert.That(response.RecursionAvailable, Is.True);
            Assert.That(first.Queries, Has.Count.EqualTo(1));
            Assert.That(second.Queries, Has.Count.EqualTo(1));
        }
    }

    [TestCase(false, TestName = "{m}(UDP client)")]
    [TestCase(true, TestName = "{m}(TCP client)")]
    [CancelAfter(10_000)]
    public async Task Forward_FirstUpstreamSilent_TimesOutAndTheSecondAnswers(bool tcp, CancellationToken ct)
    {
        await using FakeUpstream first = FakeUpstream.Start(FakeUpstream.Silent);
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Answering(60, SecondAddress));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Upstream, second.Upstream], Settings(), ct);
        Stopwatch elapsed = Stopwatch.StartNew();

        ResponseView response = tcp ? await rig.TcpAsync(Query("www.fwd.test"), ct) : await rig.UdpAsync(Query("www.fwd.test"), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { SecondAddress }));
            Assert.That(elapsed.Elapsed, Is.GreaterThanOrEqualTo(s_timeout * 0.9), "the first upstream had its Timeout");
            Assert.That(metrics.Tries(first.Upstream, "timeout"), Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Tries(second.Upstream, "answered"), Is.EqualTo(1), metrics.ToString());
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_FirstUpstreamPortClosed_FailsAtOnceAndTheSecondAnswers(CancellationToken ct)
    {
        string closed = new IPEndPoint(IPAddress.Loopback, FreePort.On(IPAddress.Loopback)).ToString();
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Answering(60, SecondAddress));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([closed, second.Upstream], Settings(), ct);

        ResponseView response = await rig.UdpAsync(Query("www.fwd.test"), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { SecondAddress }));
            Assert.That(metrics.Tries(closed, "failed"), Is.EqualTo(1), "ICMP port unreachable, not a timeout\n" + metrics);
        }
    }

    [TestCase(2)]
    [TestCase(3)]
    [CancelAfter(15_000)]
    public async Task Forward_UpstreamFailingSkipAfterFailuresTimes_IsSkipped(int failures, CancellationToken ct)
    {
        await using FakeUpstream first = FakeUpstream.Start(FakeUpstream.Silent);
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Answering(60, SecondAddress));
        Dictionary<string, string?> settings = Settings(skipFor: "00:01:00");
        settings["Forwarding:SkipAfterFailures"] = $"{failures}";
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Upstream, second.Upstream], settings, ct);

        ResponseView[] responses = new ResponseView[failures + 2];
        for (int i = 0; i < responses.Length; i++)
        {
            responses[i] = await rig.UdpAsync(Query($"name{i}.fwd.test"), ct);
        }

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(responses.SelectMany(response => response.Answers).Select(record => record.Data), Is.EqualTo(Enumerable.Repeat(SecondAddress, responses.Length)));
            Assert.That(first.Queries.Select(query => query.Name), Is.EqualTo(Enumerable.Range(0, failures).Select(i => $"name{i}.fwd.test.")), "asked until it failed enough, then skipped");
            Assert.That(metrics.Tries(first.Upstream, "timeout"), Is.EqualTo(failures), metrics.ToString());
            Assert.That(metrics.Tries(first.Upstream, "skipped"), Is.EqualTo(2), metrics.ToString());
            Assert.That(metrics.Tries(second.Upstream, "answered"), Is.EqualTo(responses.Length), metrics.ToString());
        }
    }

    // SkipAfterFailures 3: the breaker needs 3 tries in its window, and half of them failed.
    [TestCase(1, 2)] // 1 answered, then 2 timeouts: 3 tries, 2 failed
    [TestCase(4, 4)] // 4 answered, then 4 timeouts: 8 tries, 4 failed
    [CancelAfter(15_000)]
    public async Task Forward_UpstreamFailingAfterAnswering_IsSkippedOnceHalfItsTriesFailed(int answered, int failures, CancellationToken ct)
    {
        int asked = 0;
        await using FakeUpstream first = FakeUpstream.Start(query => Interlocked.Increment(ref asked) <= answered
            ? FakeUpstream.Answering(60, FirstAddress)(query)
            : FakeUpstream.Silent(query));
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Answering(60, SecondAddress));
        Dictionary<string, string?> settings = Settings(skipFor: "00:01:00");
        settings["Forwarding:SkipAfterFailures"] = "3";
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Upstream, second.Upstream], settings, ct);

        for (int i = 0; i < answered + failures + 2; i++)
        {
            await rig.UdpAsync(Query($"name{i}.fwd.test"), ct);
        }

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Queries, Has.Count.EqualTo(answered + failures), $"HelpText: tried at least SkipAfterFailures times, half or more failing\n{metrics}");
            Assert.That(metrics.Tries(first.Upstream, "timeout"), Is.EqualTo(failures), metrics.ToString());
            Assert.That(metrics.Tries(first.Upstream, "skipped"), Is.EqualTo(2), metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Forward_SkippedUpstream_IsTriedAgainAfterSkipFor(CancellationToken ct)
    {
        await using FakeUpstream first = FakeUpstream.Start(FakeUpstream.Silent);
        await using FakeUpstream second = FakeUpstream.Start(FakeUpstream.Answering(60, SecondAddress));
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Upstream, second.Upstream], Settings(skipFor: "00:00:00.500"), ct);
        await rig.UdpAsync(Query("name0.fwd.test"), ct);
        await rig.UdpAsync(Query("name1.fwd.test"), ct);
        first.Script = FakeUpstream.Answering(60, FirstAddress);
        ResponseView whileSkipped = await rig.UdpAsync(Query("name2.fwd.test"), ct);

        int next = 3;
        ResponseView resumed = await Polling.Eventually(
            () => rig.UdpAsync(Query($"name{next++}.fwd.test"), ct), r => r.Answers.Any(record => record.Data == FirstAddress), TimeSpan.FromSeconds(3), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileSkipped.Answers.Select(record => record.Data), Is.EqualTo(new[] { SecondAddress }));
            Assert.That(first.Queries, Has.Count.GreaterThan(2), $"after SkipFor, the first upstream is asked again; {next - 3} queries in 3 s went elsewhere\n{metrics}");
            Assert.That(resumed.Answers.Select(record => record.Data), Is.EqualTo(new[] { FirstAddress }));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Forward_OnlyUpstreamSkipped_IsStillAskedAsTheLastResort(CancellationToken ct)
    {
        await using FakeUpstream only = FakeUpstream.Start(FakeUpstream.Silent);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([only.Upstream], Settings(skipFor: "00:01:00"), ct);
        ResponseView failed = await rig.UdpAsync(Query("name0.fwd.test"), ct);
        await rig.UdpAsync(Query("name1.fwd.test"), ct);
        only.Script = FakeUpstream.Answering(60, FirstAddress);

        ResponseView response = await rig.UdpAsync(Query("name2.fwd.test"), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure), "no upstream answered in time");
            Assert.That(failed.RecursionAvailable, Is.True);
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { FirstAddress }));
            Assert.That(metrics.Tries(only.Upstream, "skipped"), Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Tries(only.Upstream, "answered"), Is.EqualTo(1), metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Forward_MoreUdpQueriesWaitingThanMaxInFlight_DropsTheRest(CancellationToken ct)
    {
        await using FakeUpstream silent = FakeUpstream.Start(FakeUpstream.Silent);
        Dictionary<string, string?> settings = Settings();
        settings["Forwarding:MaxInFlight"] = "1";
        settings["Forwarding:Timeout"] = "00:00:01";
        await using ForwardingRig rig = await ForwardingRig.StartAsync([silent.Upstream], settings, ct);

        // One waits for the upstream, one in the queue: of six at once, at most two find room.
        using Socket client = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (int i = 0; i < 6; i++)
        {
            await client.SendToAsync(Query($"name{i}.fwd.test"), rig.Server.Endpoint, ct);
        }

        ForwardingMetrics metrics = await Polling.Eventually(() => rig.MetricsAsync(ct), m => m.Dropped >= 4, TimeSpan.FromSeconds(2), ct);
        Assert.That(metrics.Dropped, Is.InRange(4, 5), metrics.ToString());
    }

    private static byte[] Query(string name) => QueryBytes.Create(name, (ushort)RecordType.A, ednsPayload: 1232);

    private static Dictionary<string, string?> Settings(string skipFor = "00:01:00") => new()
    {
        ["Forwarding:Timeout"] = "00:00:00.300",
        ["Forwarding:SkipAfterFailures"] = "2",
        ["Forwarding:SkipFor"] = skipFor,
    };
}
