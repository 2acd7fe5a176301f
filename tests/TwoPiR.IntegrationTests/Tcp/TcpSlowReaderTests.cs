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
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?>
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
    /// the kernel takes no more for a while: the server's send buffer is full and its sends block.
    /// </summary>
    /// <returns>How many queries were written whole.</returns>
    private static async Task<int> FillUntilBlockedAsync(Socket socket, CancellationToken ct)
    {
        byte[] query = DnsTcpFraming.Frame(TestQuery.Build(0x0303, "huge.example.com", TestQuery.TypeTxt));
        byte[] batch = [.. Enumerable.Repeat(query, 100).SelectMany(octets => octets)];
        socket.Blocking = false;
        long start = Stopwatch.GetTimestamp(), written = 0;
        int offset = 0, stuck = 0;
        while (stuck < 3 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
        {
            // A partial send is resumed where it stopped, so the length prefixes stay in step.
            int sent = socket.Send(batch, offset, batch.Length - offset, SocketFlags.None, out SocketError error);
            Assert.That(error, Is.AnyOf(SocketError.Success, SocketError.WouldBlock), "the server closed the connection while it was being filled");
            offset = (offset + sent) % batch.Length;
            written += sent;
            stuck = sent == 0 ? stuck + 1 : 0;
            if (sent == 0)
            {
                await Task.Delay(50, ct);
            }
        }

        return (int)(written / query.Length);
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
