using System.Net;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>
/// A connection flood cannot take the file descriptors the runtime needs: the real executable under
/// a small RLIMIT_NOFILE (prlimit) lowers its connection cap to fit, refuses what is over it, and
/// once the flood is gone TCP answers again from the same process.
/// </summary>
[Category("Integration")]
public sealed class ListenerResilienceTests
{
    private const int FileLimit = 200; // the idle server holds about 130: assemblies, epoll, inotify, sockets
    private const int Connections = 150;

    private TempDirectory _zones = null!;

    [SetUp]
    public void CopyZones()
    {
        Assert.That(File.Exists("/usr/bin/prlimit"), Is.True, "install prlimit (util-linux)");
        Dig.EnsureInstalled();
        _zones = new TempDirectory(RepositoryFiles.PathOf("zones"));
    }

    [TearDown]
    public void DeleteZones() => _zones.Dispose();

    [Test, CancelAfter(60_000)]
    public async Task Tcp_FloodUnderASmallOpenFileLimit_CapFitsTheLimitAndServerServesOn(CancellationToken ct)
    {
        await using DnsServerProcess server = await DnsServerProcess.StartAsync(
            ["--zones", _zones.Path, "--listen", "127.0.0.1:0"],
            _zones.Path,
            ct,
            new Dictionary<string, string?>
            {
                ["TWOPIR_Dns__MaxTcpConnections"] = "1000",
                ["TWOPIR_Dns__MaxTcpConnectionsPerClient"] = "1000",
            },
            launcher: ["/usr/bin/prlimit", $"--nofile={FileLimit}:{FileLimit}"]);

        List<DnsTcpClient> flood = [];
        try
        {
            for (int i = 0; i < Connections; i++)
            {
                flood.Add(await DnsTcpClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port), ct));
            }

            await Polling.Eventually(() => Task.FromResult(server.Process.Output), output => output.Contains("TCP connection limit reached", StringComparison.Ordinal), TimeSpan.FromSeconds(10), ct);
        }
        finally
        {
            flood.ForEach(client => client.Dispose());
        }

        string[] answers = await Polling.Eventually(
            () => Dig.AnswersAsync(server.Port, "twopir.example.com", "A", ct, tcp: true), a => a.Length == 2, TimeSpan.FromSeconds(15), ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers, Has.Length.EqualTo(2), server.Process.Transcript);
            Assert.That(server.Process.HasExited, Is.False, "the server rode it out");
            Assert.That(server.Process.Output, Does.Contain("the open-file limit (200) leaves room for"), "the cap was lowered, and said so");
            Assert.That(server.Process.Output, Does.Not.Contain("TCP accept failed"), "descriptors never ran out");
        }
    }
}
