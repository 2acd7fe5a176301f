using System.Diagnostics;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tcp;

/// <summary>RFC 7766 §6.2.3: the server closes a connection idle longer than Dns:TcpIdleTimeout, here 1 s.</summary>
[Category("Integration")]
public sealed class TcpIdleTimeoutTests
{
    private static readonly TimeSpan s_idleTimeout = TimeSpan.FromSeconds(1);

    // Timers fire a little early or late on a busy machine; the close must come near the timeout, not at it exactly.
    private static readonly TimeSpan s_earliest = s_idleTimeout * 0.8, s_latest = s_idleTimeout * 4;

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?> { ["Dns:TcpIdleTimeout"] = "00:00:01" });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Tcp_ConnectionThatNeverSends_ClosedAfterTheTimeout(CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);

        bool closed = await client.WaitForCloseAsync(ct);

        Assert.That(closed, Is.True);
        Assert.That(Stopwatch.GetElapsedTime(start), Is.InRange(s_earliest, s_latest));
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_IdleAfterAnAnswer_ClosedAfterTheTimeout(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        TcpAssert.IsResponseTo(1, await client.QueryAsync(TestQuery.Build(1, "twopir.example.com", TestQuery.TypeA), ct));
        long answered = Stopwatch.GetTimestamp();

        bool closed = await client.WaitForCloseAsync(ct);

        Assert.That(closed, Is.True);
        Assert.That(Stopwatch.GetElapsedTime(answered), Is.InRange(s_earliest, s_latest));
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_StalledInsideAMessage_ClosedAfterTheTimeout(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        byte[] framed = DnsTcpFraming.Frame(TestQuery.Build(1, "twopir.example.com", TestQuery.TypeA));
        long start = Stopwatch.GetTimestamp();

        await client.SendRawAsync(framed.AsMemory(0, 5), ct); // the length and three octets of the header, then nothing

        Assert.That(await client.WaitForCloseAsync(ct), Is.True);
        Assert.That(Stopwatch.GetElapsedTime(start), Is.InRange(s_earliest, s_latest));
    }

    [Test, CancelAfter(10_000)]
    public async Task Tcp_BusyConnection_OutlivesTheTimeout(CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        long start = Stopwatch.GetTimestamp();

        // A query every 0.4 s for three timeouts: the timer restarts with each one.
        for (ushort id = 1; Stopwatch.GetElapsedTime(start) < s_idleTimeout * 3; id++)
        {
            TcpAssert.IsResponseTo(id, await client.QueryAsync(TestQuery.Build(id, "twopir.example.com", TestQuery.TypeA), ct));
            await Task.Delay(s_idleTimeout * 0.4, ct);
        }

        Assert.That(await client.WaitForCloseAsync(ct), Is.True, "and once quiet, it is closed");
    }
}
