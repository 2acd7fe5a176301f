using TwoPiR.Dns.Wire;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tcp;

/// <summary>
/// RFC 7766 §6.2.1: a client may send many queries on one connection without waiting; RFC 7766 §8:
/// a message may arrive in any number of segments. The server answers each, in the order sent.
/// </summary>
[Category("Integration")]
public sealed class TcpPipeliningTests
{
    private static readonly (string Name, ushort Type, ResponseCode Code, int Answers)[] s_queries =
    [
        ("twopir.example.com", TestQuery.TypeA, ResponseCode.NoError, 2),
        ("three.example.com", TestQuery.TypeA, ResponseCode.NoError, 3),
        ("nope.example.com", TestQuery.TypeA, ResponseCode.NameError, 0),
        ("www.example.org", TestQuery.TypeA, ResponseCode.Refused, 0),
        ("huge.example.com", TestQuery.TypeTxt, ResponseCode.NoError, 8),
        ("www.example.com", TestQuery.TypeA, ResponseCode.NoError, 3),
        ("chain1.example.com", TestQuery.TypeA, ResponseCode.NoError, 5),
    ];

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await IntegrationZones.StartServerAsync();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Tcp_SeveralQueriesWrittenAtOnce_AllAnsweredInOrder(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        byte[] batch = [.. s_queries.SelectMany((query, i) => DnsTcpFraming.Frame(TestQuery.Build((ushort)(i + 1), query.Name, query.Type)))];

        await client.SendRawAsync(batch, ct);

        for (int i = 0; i < s_queries.Length; i++)
        {
            DnsHeader header = TcpAssert.IsResponseTo((ushort)(i + 1), await client.ReceiveAsync(ct));
            Assert.That((header.ResponseCode, (int)header.AnswerCount), Is.EqualTo((s_queries[i].Code, s_queries[i].Answers)), s_queries[i].Name);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_QueryInOneOctetSegments_Answered(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        byte[] framed = DnsTcpFraming.Frame(TestQuery.Build(0x0707, "twopir.example.com", TestQuery.TypeA));

        for (int i = 0; i < framed.Length; i++)
        {
            await client.SendRawAsync(framed.AsMemory(i, 1), ct);
            await Task.Delay(5, ct);
        }

        DnsHeader header = TcpAssert.IsResponseTo(0x0707, await client.ReceiveAsync(ct));
        Assert.That(header.AnswerCount, Is.EqualTo(2));
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_MessagesTheLadderDrops_LeaveTheConnectionUsable(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        byte[] response = TestQuery.Build(0x0101, "twopir.example.com", TestQuery.TypeA);
        response[2] |= 0x80; // QR=1: a response, dropped without a word

        // Ladder step 1: an empty message, one shorter than a header, and a response get no reply.
        await client.SendAsync([], ct);
        await client.SendAsync([0x01, 0x02, 0x03], ct);
        await client.SendAsync(response, ct);
        byte[] answer = await client.QueryAsync(TestQuery.Build(0x0202, "three.example.com", TestQuery.TypeA), ct);

        DnsHeader header = TcpAssert.IsResponseTo(0x0202, answer);
        Assert.That(header.AnswerCount, Is.EqualTo(3));
    }
}
