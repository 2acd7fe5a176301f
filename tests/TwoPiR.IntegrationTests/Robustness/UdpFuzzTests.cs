using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Robustness;

/// <summary>
/// 100,000 hostile datagrams at the real server over UDP: random octets and broken queries from
/// <see cref="PacketMutator"/>. Every reply must be well formed and answer the datagram it claims
/// to, nothing may make the handler throw (event 1020), and dig must still get answers afterwards.
/// Error replies are not rate limited here (Dns:ErrorRepliesPerSecond=0), so every datagram that
/// passes ladder step 1 gets exactly one reply, and each worker waits for it before sending the next.
/// Runs twice: with Linux recvmmsg/sendmmsg batches (the default) and one datagram at a time (the
/// portable path every other system takes).
/// </summary>
[Category("Integration")]
[TestFixture(32)]
[TestFixture(1)]
public sealed class UdpFuzzTests(int batchSize)
{
    private const int Packets = 100_000;
    private const int Workers = 8;
    private const int Seed = 20_260_101;

    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(2), s_strayWait = TimeSpan.FromMilliseconds(200);

    private DnsTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Dig.EnsureInstalled();
        _server = await IntegrationZones.StartServerAsync(new Dictionary<string, string?>
        {
            ["Dns:ErrorRepliesPerSecond"] = "0",
            ["Dns:UdpBatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test, CancelAfter(120_000)]
    public async Task Udp_HundredThousandHostileDatagrams_RepliesWellFormedAndServerServes(CancellationToken ct)
    {
        FuzzReport report = new(maxReply: 1232);
        long start = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(() => RunWorkerAsync(new PacketMutator(Seed + worker), Packets / Workers, report, ct), ct)));

        TestContext.Out.WriteLine($"{report.Sent} datagrams, {report.Replies} replies in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s; RCODEs {report.ResponseCodes}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Sent, Is.EqualTo(Packets));
            Assert.That(report.ProblemCount, Is.Zero, string.Join('\n', report.Problems));
            Assert.That(_server.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => $"{entry.EventId}: {entry.Message} {entry.Exception}"), Is.Empty);
        }

        DigMessage after = await Dig.QueryAsync(_server.Port, "twopir.example.com A", ct);
        Assert.That((after.Status, after.Answer.Count), Is.EqualTo(("NOERROR", 2)), "the server still answers");
    }

    private async Task RunWorkerAsync(PacketMutator mutator, int count, FuzzReport report, CancellationToken ct)
    {
        using Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(_server.Endpoint, ct);
        byte[] buffer = new byte[ushort.MaxValue];
        for (int i = 0; i < count; i++)
        {
            FuzzPacket packet = mutator.Next();
            await socket.SendAsync(packet.Octets, SocketFlags.None, ct);
            report.CountSent();
            if (!packet.ExpectsReply)
            {
                continue;
            }

            int received;
            while ((received = await ReceiveAsync(socket, buffer, s_replyTimeout, ct)) >= 0 && !report.CheckReply(packet, buffer.AsSpan(0, received)))
            {
                // Not this packet's reply: CheckReply has recorded why. Keep waiting for the right one.
            }

            if (received < 0)
            {
                report.NoReply(packet);
            }
        }

        // A reply to the last datagrams that should have been dropped would arrive now.
        int stray;
        while ((stray = await ReceiveAsync(socket, buffer, s_strayWait, ct)) >= 0)
        {
            report.CheckReply(null, buffer.AsSpan(0, stray));
        }
    }

    /// <returns>The datagram's length, or -1 when none came within <paramref name="timeout"/>.</returns>
    private static async Task<int> ReceiveAsync(Socket socket, byte[] buffer, TimeSpan timeout, CancellationToken ct)
    {
        using CancellationTokenSource wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return -1;
        }
    }
}
