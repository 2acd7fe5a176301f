using System.Net;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>STYLE.md §4 and §5: nothing per query is allocated, and no input makes the handler throw.</summary>
public sealed class QueryHandlerRobustnessTests
{
    private static readonly Zone s_zone = TestZones.Load(AnswerZone.Text);

    [Test]
    public void Handle_ThousandWarmQueries_AllocateNothing()
    {
        QueryHandler handler = TestHandlers.Create(TestZones.Store(s_zone), new DnsServerOptions { ErrorRepliesPerSecond = 0 });
        byte[][] queries =
        [
            QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, ednsPayload: 1232),
            QueryBytes.Create("www.example.com", (ushort)RecordType.A),
            QueryBytes.Create("nope.example.com", (ushort)RecordType.A, ednsPayload: 1232),
            QueryBytes.Create("x.y.wild.example.com", (ushort)RecordType.TXT),
            QueryBytes.Create("host.sub.example.com", (ushort)RecordType.A),
            QueryBytes.Create("big.example.com", (ushort)RecordType.TXT),
            QueryBytes.Create("example.org", (ushort)RecordType.A),
            QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, ednsPayload: 1232, ednsVersion: 1),
        ];
        byte[] response = new byte[ushort.MaxValue];
        RunAll(handler, queries, response, rounds: 1000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunAll(handler, queries, response, rounds: 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.EqualTo(0));
    }

    [Test]
    public void Handle_RandomAndMutatedBuffers_NeverThrowAndEveryReplyIsWellFormed()
    {
        ListLoggerProvider logs = new();
        QueryHandler handler = TestHandlers.Create(TestZones.Store(s_zone), new DnsServerOptions { ErrorRepliesPerSecond = 0 }, logs: logs);
        Random random = new(20261122);
        byte[] valid = QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, ednsPayload: 1232);
        byte[] response = new byte[ushort.MaxValue];
        int replies = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] query = i % 2 == 0 ? RandomBytes(random) : Mutate(valid, random);
            DnsTransport transport = i % 3 == 0 ? DnsTransport.Tcp : DnsTransport.Udp;
            int length = handler.Handle(query, response, new QueryContext(transport, ClientAddress.From(IPAddress.Loopback))).Length;
            if (length > 0)
            {
                replies++;
                Assert.That(MessageValidator.IsWellFormed(response.AsSpan(0, length), out string problem), Is.True, () => $"reply to {Convert.ToHexString(query)}: {problem}");
            }
        }

        Assert.That(logs.WithEventId(1020), Is.Empty, "no query made the handler throw");
        Assert.That(replies, Is.GreaterThan(1000), "most inputs with a header get a reply");
    }

    [Test]
    public void Handle_ExceptionInsideAnswer_ServerFailureAndLogged()
    {
        ListLoggerProvider logs = new();
        CheckedRRsets index = TestHealth.Checking(s_zone, "twopir.example.com", new HealthPolicy(30, AllDownPolicy.ServeAll));
        QueryHandler handler = TestHandlers.Create(TestZones.Store(s_zone), health: new ThrowingHealthView(), checkedRRsets: index, logs: logs);
        byte[] response = new byte[512];

        QueryResult result = handler.Handle(QueryBytes.Create("twopir.example.com", (ushort)RecordType.A, id: 0x4242), response, new QueryContext(DnsTransport.Udp));

        ResponseView view = ResponseView.Parse(response.AsSpan(0, result.Length));
        Assert.That(view.ResponseCode, Is.EqualTo((int)ResponseCode.ServerFailure));
        Assert.That(view.Id, Is.EqualTo(0x4242));
        Assert.That(logs.WithEventId(1020), Has.Count.EqualTo(1));
    }

    private static void RunAll(QueryHandler handler, byte[][] queries, byte[] response, int rounds)
    {
        QueryContext context = new(DnsTransport.Udp);
        for (int round = 0; round < rounds; round++)
        {
            foreach (byte[] query in queries)
            {
                handler.Handle(query, response, context);
            }
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 600)];
        random.NextBytes(bytes);
        if (bytes.Length > 2)
        {
            bytes[2] &= 0x7F; // mostly queries, so the random bytes reach past ladder step 1
        }

        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        List<byte> bytes = [.. valid];
        for (int edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes[at] = 0xC0; // a compression pointer, often a loop
                    break;
            }
        }

        return [.. bytes];
    }

    private sealed class ThrowingHealthView : IHealthView
    {
        public IReadOnlyList<CheckedName> CheckedNames => [];

        public HealthState StateOf(IPAddress address) => throw new InvalidOperationException("health table broken");
    }
}
