using System.Net;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tcp;

/// <summary>Dns:MaxTcpConnectionsPerClient=2: one client cannot take every slot; another client still gets in.</summary>
[Category("Integration")]
public sealed class TcpPerClientLimitTests
{
    private static readonly IPAddress s_otherClient = IPAddress.Parse("127.0.0.2");

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?>
        {
            ["Dns:MaxTcpConnections"] = "10",
            ["Dns:MaxTcpConnectionsPerClient"] = "2",
        });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(15_000)]
    public async Task Tcp_ThirdConnectionFromOneClient_ClosedWhileAnotherClientIsServed(CancellationToken ct)
    {
        using DnsTcpClient first = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        using DnsTcpClient second = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        TcpAssert.IsResponseTo(1, await first.QueryAsync(TestQuery.Build(1, "twopir.example.com", TestQuery.TypeA), ct));
        TcpAssert.IsResponseTo(2, await second.QueryAsync(TestQuery.Build(2, "twopir.example.com", TestQuery.TypeA), ct));

        using DnsTcpClient third = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        using DnsTcpClient other = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct, from: s_otherClient);

        Assert.That(await third.WaitForCloseAsync(ct), Is.True, "a third connection from 127.0.0.1 is closed");
        TcpAssert.IsResponseTo(3, await other.QueryAsync(TestQuery.Build(3, "twopir.example.com", TestQuery.TypeA), ct));
        Assert.That(_server.Logs.WithEventId(1003).Single().Message, Does.Contain("2 per client"));
    }
}
