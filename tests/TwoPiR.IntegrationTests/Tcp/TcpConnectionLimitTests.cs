using System.Diagnostics;
using System.Net.Sockets;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tcp;

/// <summary>Dns:MaxTcpConnections=2: a third connection is closed at once; the two open ones keep working.</summary>
[Category("Integration")]
public sealed class TcpConnectionLimitTests
{
    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?> { ["Dns:MaxTcpConnections"] = "2" });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(15_000)]
    public async Task Tcp_ThirdConnection_ClosedPromptlyWhileTwoStayOpen(CancellationToken ct)
    {
        using DnsTcpClient first = await ConnectServedAsync(1, ct);
        using DnsTcpClient second = await ConnectServedAsync(2, ct);

        long start = Stopwatch.GetTimestamp();
        using (DnsTcpClient third = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct))
        {
            Assert.That(await third.WaitForCloseAsync(ct), Is.True);
            Assert.That(Stopwatch.GetElapsedTime(start), Is.LessThan(TimeSpan.FromSeconds(2)), "closed at once, not after the idle timeout");
        }

        TcpAssert.IsResponseTo(11, await first.QueryAsync(TestQuery.Build(11, "twopir.example.com", TestQuery.TypeA), ct));
        TcpAssert.IsResponseTo(12, await second.QueryAsync(TestQuery.Build(12, "twopir.example.com", TestQuery.TypeA), ct));
        Assert.That(_server.Logs.WithEventId(1003), Is.Not.Empty, "the refusal is logged");
    }

    [Test, CancelAfter(15_000)]
    public async Task Tcp_ClosedConnection_FreesItsPlace(CancellationToken ct)
    {
        using DnsTcpClient first = await ConnectServedAsync(1, ct);
        using (DnsTcpClient second = await ConnectServedAsync(2, ct))
        {
            // Leaving frees the place.
        }

        using DnsTcpClient next = await ConnectServedAsync(3, ct);
    }

    /// <summary>
    /// Connects and checks that the connection is served. The server learns of closed connections
    /// asynchronously, so a place freed a moment ago may not be free yet: retry for a while.
    /// </summary>
    private async Task<DnsTcpClient> ConnectServedAsync(ushort id, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
            byte[]? response = await QueryOrNullIfClosedAsync(client, TestQuery.Build(id, "twopir.example.com", TestQuery.TypeA), ct);
            if (response is not null)
            {
                TcpAssert.IsResponseTo(id, response);
                return client;
            }

            client.Dispose();
            Assert.That(attempt, Is.LessThan(20), "the place of a closed connection was never given back");
            await Task.Delay(100, ct);
        }
    }

    private static async Task<byte[]?> QueryOrNullIfClosedAsync(DnsTcpClient client, byte[] query, CancellationToken ct)
    {
        try
        {
            await client.SendAsync(query, ct);
            return await client.ReceiveAsync(ct);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return null;
        }
    }
}
