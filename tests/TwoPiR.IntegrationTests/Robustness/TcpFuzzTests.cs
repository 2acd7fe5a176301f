using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Robustness;

/// <summary>
/// The same hostile messages as <see cref="UdpFuzzTests"/>, fewer of them, over TCP with zone
/// transfers allowed, so the TCP-only paths (65535-octet responses, AXFR) see them too. Each
/// connection sends one message and reads its one reply before the next; a dropped message
/// (ladder step 1) gets nothing and the connection goes on.
/// </summary>
[Category("Integration")]
public sealed class TcpFuzzTests
{
    private const int Packets = 20_000;
    private const int Connections = 4;
    private const int Seed = 20_260_202;

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Dig.EnsureInstalled();
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?>
        {
            ["Dns:AllowTransfer:0"] = "127.0.0.1",
            ["Dns:TcpIdleTimeout"] = "00:00:05",
        });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(60_000)]
    public async Task Tcp_HostileMessages_RepliesWellFormedAndServerServes(CancellationToken ct)
    {
        FuzzReport report = new(maxReply: ushort.MaxValue);
        long start = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, Connections).Select(connection => Task.Run(() => RunConnectionAsync(new PacketMutator(Seed + connection), Packets / Connections, report, ct), ct)));

        TestContext.Out.WriteLine($"{report.Sent} messages, {report.Replies} replies in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s; RCODEs {report.ResponseCodes}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Sent, Is.EqualTo(Packets));
            Assert.That(report.ProblemCount, Is.Zero, string.Join('\n', report.Problems));
            Assert.That(_server.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => $"{entry.EventId}: {entry.Message} {entry.Exception}"), Is.Empty);
        }

        DigMessage after = await Dig.QueryAsync(_server.Port, "+tcp twopir.example.com A", ct);
        Assert.That((after.Status, after.Answer.Count), Is.EqualTo(("NOERROR", 2)), "the server still answers");
    }

    private async Task RunConnectionAsync(PacketMutator mutator, int count, FuzzReport report, CancellationToken ct)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(_server.Endpoint, ct);
        for (int i = 0; i < count; i++)
        {
            FuzzPacket packet = mutator.Next();
            await client.SendAsync(packet.Octets, ct);
            report.CountSent();
            if (!packet.ExpectsReply)
            {
                continue;
            }

            byte[]? reply = await client.ReceiveAsync(ct);
            if (reply is null)
            {
                report.NoReply(packet);
                return;
            }

            report.CheckReply(packet, reply);
        }
    }
}
