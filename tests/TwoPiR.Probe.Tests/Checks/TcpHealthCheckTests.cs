using System.Net;
using System.Net.Sockets;
using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Tests.Checks;

public sealed class TcpHealthCheckTests
{
    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_PortListening_Passes(CancellationToken ct)
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        TcpHealthCheck check = new(((IPEndPoint)listener.LocalEndpoint).Port, TimeProvider.System);

        CheckResult result = await check.CheckAsync(IPAddress.Loopback, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((true, "connected")));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_PortClosed_FailsRefused(CancellationToken ct)
    {
        TcpHealthCheck check = new(FreedPort(), TimeProvider.System);

        CheckResult result = await check.CheckAsync(IPAddress.Loopback, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "connection refused")));
        Assert.That(result.Latency, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_OtherLoopbackAddress_ConnectsThere(CancellationToken ct)
    {
        using TcpListener listener = new(IPAddress.Parse("127.0.0.31"), 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        TcpHealthCheck check = new(port, TimeProvider.System);

        CheckResult there = await check.CheckAsync(IPAddress.Parse("127.0.0.31"), ct);
        CheckResult elsewhere = await check.CheckAsync(IPAddress.Parse("127.0.0.32"), ct);

        Assert.That((there.Passed, elsewhere.Passed, elsewhere.Detail), Is.EqualTo((true, false, "connection refused")));
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1: connecting to it is refused.</summary>
    internal static int FreedPort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
