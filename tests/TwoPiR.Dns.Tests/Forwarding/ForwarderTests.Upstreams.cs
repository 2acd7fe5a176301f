using System.Buffers.Binary;
using System.Net;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>
/// Forwarder.ForwardAsync against tiny scripted upstreams on loopback. The clock is manual, so no
/// upstream can time out: every failover here comes from an answer or an ICMP port unreachable.
/// </summary>
public sealed partial class ForwarderTests
{
    private const string Tries = "twopir.dns.forward.upstream.tries";

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_Answered_ClientGetsItsIdAndEachUpstreamQueryARandomOne(CancellationToken cancellationToken)
    {
        await using ScriptedUpstream upstream = new(query => [UpstreamReplies.AnswerTo(query)]);
        Forwarder forwarder = Create([upstream.Address]);

        ushort[] clientIds = [0x1111, 0x2222, 0x3333, 0x4444];
        List<ResponseView> replies = [];
        foreach (ushort id in clientIds)
        {
            replies.Add(await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A, id: id), cancellationToken));
        }

        ushort[] sentIds = [.. upstream.Queries.Select(query => BinaryPrimitives.ReadUInt16BigEndian(query))];
        Assert.That(replies.Select(reply => (ushort)reply.Id), Is.EqualTo(clientIds));
        Assert.That(replies[0].Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1" }));
        Assert.That(sentIds, Has.Length.EqualTo(4));

        // Random IDs collide by chance; these bounds fail by chance about once in 10^9 runs.
        Assert.That(sentIds.Distinct().Count(), Is.GreaterThan(2), "RFC 5452 §9.2: a fresh random ID per query");
        Assert.That(sentIds.Zip(clientIds).Count(pair => pair.First == pair.Second), Is.LessThan(2), "never the client's ID");
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_ClientQuery_UpstreamAskedWithItsSpellingRdCdDoAndOurPayload(CancellationToken cancellationToken)
    {
        await using ScriptedUpstream upstream = new(query => [UpstreamReplies.AnswerTo(query)]);
        Forwarder forwarder = Create([upstream.Address]);
        byte[] client = QueryBytes.Create("WwW.ExAmPlE.oRg", (ushort)RecordType.A, recursionDesired: true, ednsPayload: 4096, dnssecOk: true);
        client[3] |= 0x10; // CD

        await ForwardAsync(forwarder, client, cancellationToken);

        byte[] sent = upstream.Queries[0];
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsHeader.TryRead(sent, out DnsHeader header);
        Assert.That(DnsQuery.TryRead(sent, header, name, out DnsQuery query), Is.True);
        Assert.That(DnsName.ToText(query.Name), Is.EqualTo("WwW.ExAmPlE.oRg."));
        Assert.That(header.Flags, Is.EqualTo(HeaderFlags.RecursionDesired | HeaderFlags.CheckingDisabled), "QR clear, RD and the client's CD");
        Assert.That(query.Edns, Is.EqualTo(new EdnsRequest(Present: true, PayloadSize: 1232, Version: 0, DnssecOk: true)));
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_FirstUpstreamPortClosed_SecondAnswers(CancellationToken cancellationToken)
    {
        string closed = $"127.0.0.1:{FreePort.On(IPAddress.Loopback)}"; // nothing listens: the kernel answers ICMP port unreachable
        await using ScriptedUpstream second = new(query => [UpstreamReplies.AnswerTo(query, lastOctet: 2)]);
        Forwarder forwarder = Create([closed, second.Address]);

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.2" }));
        Assert.That(_meters.Total(Tries, "failed"), Is.EqualTo(1));
        Assert.That(_meters.Total(Tries, "answered"), Is.EqualTo(1));
    }

    [TestCase(nameof(ResponseCode.ServerFailure))]
    [TestCase(nameof(ResponseCode.Refused))]
    [CancelAfter(10_000)]
    public async Task ForwardAsync_FirstUpstreamServerFailureOrRefused_SecondAnswers(string code, CancellationToken cancellationToken)
    {
        ushort flags = (ushort)(UpstreamReplies.NoError | (int)Enum.Parse<ResponseCode>(code)); // QR, RD, RA and the code
        await using ScriptedUpstream first = new(query => [UpstreamReplies.AnswerTo(query, flags)]);
        await using ScriptedUpstream second = new(query => [UpstreamReplies.AnswerTo(query, lastOctet: 2)]);
        Forwarder forwarder = Create([first.Address, second.Address]);

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.2" }));
        Assert.That(_meters.Total(Tries, "servfail_or_refused"), Is.EqualTo(1));
        Assert.That(second.Queries, Has.Count.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_EveryUpstreamServerFailure_FirstRelayed(CancellationToken cancellationToken)
    {
        await using ScriptedUpstream first = new(query => [UpstreamReplies.AnswerTo(query, flags: 0x8182, lastOctet: 1)]);
        await using ScriptedUpstream second = new(query => [UpstreamReplies.AnswerTo(query, flags: 0x8185, lastOctet: 2)]);
        Forwarder forwarder = Create([first.Address, second.Address]);

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_EveryUpstreamUnreachable_ServerFailureWithRa(CancellationToken cancellationToken)
    {
        Forwarder forwarder = Create([$"127.0.0.1:{FreePort.On(IPAddress.Loopback)}"]);

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A, id: 0x5151, ednsPayload: 1232), cancellationToken);

        Assert.That(reply.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
        Assert.That(reply.Id, Is.EqualTo(0x5151));
        Assert.That(reply.RecursionAvailable, Is.True);
        Assert.That(reply.EdnsPayload, Is.EqualTo(1232));
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_DatagramWithOtherIdFirst_DiscardedAndTheRealAnswerTaken(CancellationToken cancellationToken)
    {
        await using ScriptedUpstream upstream = new(query =>
        [
            UpstreamReplies.AnswerTo(query, lastOctet: 66, id: (ushort)(BinaryPrimitives.ReadUInt16BigEndian(query) ^ 0x0001)), // a spoofer's near miss
            UpstreamReplies.AnswerTo(query, lastOctet: 1),
        ]);
        Forwarder forwarder = Create([upstream.Address]);

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1" }));
        Assert.That(_meters.Total("twopir.dns.forward.upstream.discarded"), Is.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_UpstreamFailedThreeTimes_SkippedWhileAnotherAnswers(CancellationToken cancellationToken)
    {
        await using ScriptedUpstream broken = new(query => [UpstreamReplies.AnswerTo(query)[..^1]]); // an address cut short: malformed
        await using ScriptedUpstream backup = new(query => [UpstreamReplies.AnswerTo(query, lastOctet: 2)]);
        Forwarder forwarder = Create([broken.Address, backup.Address]); // SkipAfterFailures defaults to 3
        for (int i = 0; i < 3; i++)
        {
            await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);
        }

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.2" }));
        Assert.That(broken.Queries, Has.Count.EqualTo(3), "the fourth query never went to it");
        Assert.That(_meters.Total(Tries, "failed"), Is.EqualTo(3));
        Assert.That(_meters.Total(Tries, "skipped"), Is.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_EveryUpstreamSkipped_SkippedOnesAskedAsLastResort(CancellationToken cancellationToken)
    {
        int asked = 0;
        await using ScriptedUpstream flaky = new(query =>
            [Interlocked.Increment(ref asked) <= 3 ? UpstreamReplies.AnswerTo(query)[..^1] : UpstreamReplies.AnswerTo(query, lastOctet: 1)]); // malformed three times, then well
        Forwarder forwarder = Create([flaky.Address, $"127.0.0.1:{FreePort.On(IPAddress.Loopback)}"]);
        for (int i = 0; i < 3; i++)
        {
            await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken); // both fail: SERVFAIL
        }

        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(_meters.Total(Tries, "skipped"), Is.EqualTo(2), "both were skipped first");
        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1" }), "then asked all the same: better than nothing");
    }

    [Test, CancelAfter(10_000)]
    public async Task ForwardAsync_SkipForOver_SkippedUpstreamAskedAgain(CancellationToken cancellationToken)
    {
        int asked = 0;
        await using ScriptedUpstream flaky = new(query =>
            [Interlocked.Increment(ref asked) <= 3 ? UpstreamReplies.AnswerTo(query)[..^1] : UpstreamReplies.AnswerTo(query, lastOctet: 1)]); // malformed three times, then well
        await using ScriptedUpstream backup = new(query => [UpstreamReplies.AnswerTo(query, lastOctet: 2)]);
        Forwarder forwarder = Create([flaky.Address, backup.Address]);
        for (int i = 0; i < 4; i++)
        {
            await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken); // three failures, then skipped
        }

        _time.Advance(TimeSpan.FromSeconds(30)); // SkipFor's default
        ResponseView reply = await ForwardAsync(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), cancellationToken);

        Assert.That(flaky.Queries, Has.Count.EqualTo(4), "its pause is over: one query tries it again");
        Assert.That(reply.Answers.Select(record => record.Data), Is.EqualTo(new[] { "192.0.2.1" }), "and it is first again");
    }

    private static async Task<ResponseView> ForwardAsync(Forwarder forwarder, byte[] client, CancellationToken cancellationToken)
    {
        byte[] response = new byte[ushort.MaxValue];
        int length = await forwarder.ForwardAsync(client, response, DnsTransport.Udp, cancellationToken);
        return ResponseView.Parse(response.AsSpan(0, length));
    }
}
