using System.Net.Sockets;
using TwoPiR.Dns.Wire;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.BadInput;

/// <summary>
/// STYLE.md §5: UDP error replies share a per-second budget (Dns:ErrorRepliesPerSecond, here 5);
/// above it they are dropped, so spoofed junk cannot make a reflector. Answers and TCP are not limited.
/// </summary>
[Category("Integration")]
public sealed class ErrorReplyBudgetTests
{
    private const int Budget = 5;
    private const int Burst = 30;

    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(500);

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?> { ["Dns:ErrorRepliesPerSecond"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Udp_BurstOfRefusedQueries_RepliesOnlyWithinTheBudget(CancellationToken ct)
    {
        int replies = await CountUdpRepliesAsync("www.example.org", ct);

        // The burst takes milliseconds; if a one-second window ends inside it, a second budget starts.
        Assert.That(replies, Is.InRange(Budget, 2 * Budget));
    }

    [Test, CancelAfter(10_000)]
    public async Task Udp_BurstOfAnswers_AllReplied(CancellationToken ct)
    {
        int replies = await CountUdpRepliesAsync("twopir.example.com", ct);

        Assert.That(replies, Is.EqualTo(Burst));
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_BurstOfRefusedQueries_AllReplied(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);

        for (ushort id = 1; id <= Burst; id++)
        {
            byte[] response = await client.QueryAsync(TestQuery.Build(id, "www.example.org", TestQuery.TypeA), ct);
            DnsHeader.TryRead(response, out DnsHeader header);
            Assert.That((header.Id, header.ResponseCode), Is.EqualTo((id, ResponseCode.Refused)));
        }
    }

    private async Task<int> CountUdpRepliesAsync(string name, CancellationToken ct)
    {
        using Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(_server.Endpoint, ct);
        for (ushort id = 1; id <= Burst; id++)
        {
            await socket.SendAsync(TestQuery.Build(id, name, TestQuery.TypeA), SocketFlags.None, ct);
        }

        int replies = 0;
        byte[] buffer = new byte[ushort.MaxValue];
        using CancellationTokenSource settle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        settle.CancelAfter(s_settle);
        try
        {
            while (true)
            {
                await socket.ReceiveAsync(buffer, SocketFlags.None, settle.Token);
                replies++;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return replies;
        }
    }
}
