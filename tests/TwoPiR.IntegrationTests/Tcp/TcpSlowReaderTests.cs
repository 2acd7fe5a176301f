using System.Diagnostics;
using System.Net.Sockets;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tcp;

/// <summary>
/// A client that sends queries but never reads the answers (RFC 7766 §10: a server must not let
/// such a client hold its resources). With Dns:MaxTcpConnections=1 and Dns:TcpIdleTimeout=1 s, the
/// stalled connection must be closed about as soon as an idle one, so the next client gets served.
/// </summary>
[Category("Integration")]
public sealed class TcpSlowReaderTests
{
    private static readonly TimeSpan s_idleTimeout = TimeSpan.FromSeconds(1);

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Dig.EnsureInstalled();
        _server = await TestZones.StartServerAsync(new Dictionary<string, string?>
        {
            ["Dns:MaxTcpConnections"] = "1",
            ["Dns:TcpIdleTimeout"] = "00:00:01",
        });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(20_000)]
    public async Task Tcp_ClientThatNeverReads_LosesItsConnectionLikeAnIdleOne(CancellationToken ct)
    {
        using Socket stalled = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, SendBufferSize = 4096 };
        await stalled.ConnectAsync(_server.Endpoint, ct);
        int queries = await FillUntilBlockedAsync(stalled, ct);
        TestContext.Out.WriteLine($"{queries} queries written before the connection stopped taking more");

        // Three idle timeouts: plenty for the server to give up on a connection that makes no progress.
        await Task.Delay(s_idleTimeout * 3, ct);

        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            using DnsTcpClient next = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
            if (await TryQueryAsync(next, ct))
            {
                return;
            }

            Assert.That(Stopwatch.GetElapsedTime(start), Is.LessThan(s_idleTimeout * 3),
                "the only TCP place is still held by a client that stopped reading its answers");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Pipelines queries whose answers are 1.6 kB (huge.example.com TXT) without reading any, until
    /// the kernel will take no more: the server's send buffer is full and its sends block.
    /// </summary>
    private static async Task<int> FillUntilBlockedAsync(Socket socket, CancellationToken ct)
    {
        byte[] batch = [.. Enumerable.Range(0, 100).SelectMany(i => DnsTcpFraming.Frame(TestQuery.Build((ushort)i, "huge.example.com", TestQuery.TypeTxt)))];
        socket.Blocking = false;
        long start = Stopwatch.GetTimestamp();
        int queries = 0;
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
        {
            int sent = socket.Send(batch, 0, batch.Length, SocketFlags.None, out SocketError error);
            queries += sent * 100 / batch.Length;
            if (error == SocketError.WouldBlock)
            {
                await Task.Delay(50, ct);
                if (socket.Send(batch, 0, batch.Length, SocketFlags.None, out error) == 0 && error == SocketError.WouldBlock)
                {
                    break;
                }
            }
        }

        return queries;
    }

    private static async Task<bool> TryQueryAsync(DnsTcpClient client, CancellationToken ct)
    {
        try
        {
            return await client.QueryAsync(TestQuery.Build(0x0505, "twopir.example.com", TestQuery.TypeA), ct) is { Length: > 0 };
        }
        catch (Exception ex) when (ex is SocketException or EndOfStreamException)
        {
            return false;
        }
    }
}
