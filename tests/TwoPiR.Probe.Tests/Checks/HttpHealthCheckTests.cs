using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TwoPiR.Probe.Checks;
using TwoPiR.Testing;

namespace TwoPiR.Probe.Tests.Checks;

public sealed class HttpHealthCheckTests
{
    private const string Address = "127.0.0.1";
    private static readonly IPAddress s_address = IPAddress.Parse(Address);
    private HttpMessageInvoker _client = null!;

    [SetUp]
    public void CreateClient() => _client = HttpHealthCheck.CreateClient();

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_NodeServes_PassesWithStatus(CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);

        CheckResult result = await Check(new NameCheckOptions { Port = node.Endpoint.Port }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((true, "HTTP 200")));
        Assert.That(node.Requests, Is.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_NodeFails503_FailsWithStatusAndSet(CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);
        node.Behaviour = WebNodeBehaviour.Fail;

        CheckResult result = await Check(new NameCheckOptions { Port = node.Endpoint.Port }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "HTTP 503, not in 200-399")));
    }

    [TestCase("204", false, "HTTP 200, not in 204")]
    [TestCase("201-299", false, "HTTP 200, not in 201-299")]
    [TestCase("200,204", true, "HTTP 200")]
    [TestCase("100-599", true, "HTTP 200")]
    [CancelAfter(10_000)]
    public async Task CheckAsync_StatusSet_PassesOnlyItsCodes(string status, bool passed, string detail, CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);

        CheckResult result = await Check(new NameCheckOptions { Port = node.Endpoint.Port, Status = status }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((passed, detail)));
    }

    [TestCase("served by 127.0.0.1", true, "HTTP 200")]
    [TestCase("served", true, "HTTP 200")]
    [TestCase("maintenance", false, "HTTP 200, but the body lacks 'maintenance'")]
    [TestCase("SERVED", false, "HTTP 200, but the body lacks 'SERVED'")]
    [CancelAfter(10_000)]
    public async Task CheckAsync_BodyContains_PassesOnlyWithTheText(string text, bool passed, string detail, CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);

        CheckResult result = await Check(new NameCheckOptions { Port = node.Endpoint.Port, BodyContains = text }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((passed, detail)));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_BodyContainsOnAFailingStatus_FailsOnTheStatus(CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);
        node.Behaviour = WebNodeBehaviour.Fail;

        CheckResult result = await Check(new NameCheckOptions { Port = node.Endpoint.Port, BodyContains = "maintenance" }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "HTTP 503, not in 200-399")));
    }

    [TestCase(null, ProbeHarness.Name)]
    [TestCase("www.twopir.example.com", "www.twopir.example.com")]
    [CancelAfter(10_000)]
    public async Task CheckAsync_Host_NodeSeesThePlansHost(string? host, string expected, CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);

        await Check(new NameCheckOptions { Port = node.Endpoint.Port, Host = host }).CheckAsync(s_address, ct);

        Assert.That(node.Hosts, Is.EqualTo(new[] { expected }), "the Host header picks the site, as nginx's server_name does");
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_Request_GetOnAFreshConnectionThatCloses(CancellationToken ct)
    {
        ConcurrentQueue<string> heads = new();
        await using RawTcpServer server = RawTcpServer.Start(Address, async (stream, token) =>
        {
            heads.Enqueue(await RawTcpServer.ReadHeadAsync(stream, token));
            await stream.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray(), token);
        });
        HttpHealthCheck check = Check(new NameCheckOptions { Port = server.Endpoint.Port, Path = "/health" });

        CheckResult first = await check.CheckAsync(s_address, ct);
        CheckResult second = await check.CheckAsync(s_address, ct);

        string[] lines = heads.First().Split("\r\n");
        Assert.That(lines[0], Is.EqualTo("GET /health HTTP/1.1"));
        Assert.That(lines, Does.Contain($"Host: {ProbeHarness.Name}"));
        Assert.That(lines, Does.Contain("Connection: close"));
        Assert.That(lines, Does.Contain("User-Agent: twopir-probe/1"));
        Assert.That((first.Passed, second.Passed, server.Accepted), Is.EqualTo((true, true, 2)), "no pooled connection hides a dead listener");
    }

    [TestCase("/", "/")]
    [TestCase("/health", "/health")]
    [TestCase("/status/ready", "/status/ready")]
    [TestCase("/a%20b", "/a%20b")]
    [TestCase("/health?full=1", "/health?full=1")]
    [CancelAfter(10_000)]
    public async Task CheckAsync_Path_RequestsItAsWritten(string path, string target, CancellationToken ct)
    {
        ConcurrentQueue<string> heads = new();
        await using RawTcpServer server = RawTcpServer.Start(Address, async (stream, token) =>
        {
            heads.Enqueue(await RawTcpServer.ReadHeadAsync(stream, token));
            await stream.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray(), token);
        });

        await Check(new NameCheckOptions { Port = server.Endpoint.Port, Path = path }).CheckAsync(s_address, ct);

        Assert.That(heads.Single().Split("\r\n")[0], Is.EqualTo($"GET {target} HTTP/1.1"));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_Redirect_NotFollowed(CancellationToken ct)
    {
        // Were it followed, the check would go to the freed port and be refused.
        int elsewhere = TcpHealthCheckTests.FreedPort();
        await using RawTcpServer server = Serve($"HTTP/1.1 302 Found\r\nLocation: http://{Address}:{elsewhere}/\r\nContent-Length: 0\r\n\r\n");

        CheckResult result = await Check(new NameCheckOptions { Port = server.Endpoint.Port }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((true, "HTTP 302")));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_NothingListens_FailsFastRefused(CancellationToken ct)
    {
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await Check(new NameCheckOptions { Port = TcpHealthCheckTests.FreedPort() }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "connection refused")));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_NodeStopped_FailsRefused(CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);
        HttpHealthCheck check = Check(new NameCheckOptions { Port = node.Endpoint.Port });
        CheckResult before = await check.CheckAsync(s_address, ct);

        await node.StopAsync();
        CheckResult after = await check.CheckAsync(s_address, ct);

        Assert.That((before.Passed, after.Passed, after.Detail), Is.EqualTo((true, false, "connection refused")));
    }

    [TestCase("SSH-2.0-OpenSSH_9.6\r\n")]
    [TestCase("220 smtp.example ESMTP\r\n")]
    [TestCase("HTTP/1.1 abc Nonsense\r\n\r\n")]
    [TestCase("")]
    [CancelAfter(10_000)]
    public async Task CheckAsync_NotHttp_FailsNotAnHttpResponse(string answer, CancellationToken ct)
    {
        await using RawTcpServer server = Serve(answer);

        CheckResult result = await Check(new NameCheckOptions { Port = server.Endpoint.Port }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "not an HTTP response")));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_HeadersOver16KiB_FailsTooLarge(CancellationToken ct)
    {
        await using RawTcpServer server = Serve($"HTTP/1.1 200 OK\r\nX-Padding: {new string('x', 20 * 1024)}\r\nContent-Length: 0\r\n\r\n");

        CheckResult result = await Check(new NameCheckOptions { Port = server.Endpoint.Port }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "response headers too large")));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_BodyBreaksOff_FailsLikeAMissingText(CancellationToken ct)
    {
        await using RawTcpServer server = Serve("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a little");

        CheckResult result = await Check(new NameCheckOptions { Port = server.Endpoint.Port, BodyContains = "ok" }).CheckAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "HTTP 200, but the body lacks 'ok'")));
    }

    // The text ends exactly at the 64 KiB limit, or one byte beyond it.
    [TestCase(HttpHealthCheck.BodyLimit - 6, true)]
    [TestCase(HttpHealthCheck.BodyLimit - 5, false)]
    [TestCase(0, true)]
    [TestCase(HttpHealthCheck.BodyLimit * 4, false)]
    [CancelAfter(10_000)]
    public async Task CheckAsync_TextAfterPadding_FoundOnlyWithinTheFirst64KiB(int padding, bool passed, CancellationToken ct)
    {
        string body = new string('.', padding) + "needle" + new string('.', 1000);
        await using RawTcpServer server = Serve($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}");

        CheckResult result = await Check(new NameCheckOptions { Port = server.Endpoint.Port, BodyContains = "needle" }).CheckAsync(s_address, ct);

        Assert.That(result.Passed, Is.EqualTo(passed));
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(10_000)]
    public async Task CheckAsync_EndlessBody_FinishesAfterReadingAtMost64KiB(bool chunked, CancellationToken ct)
    {
        long written = 0;
        await using RawTcpServer server = RawTcpServer.Start(Address, async (stream, token) =>
        {
            await RawTcpServer.ReadHeadAsync(stream, token);
            string framing = chunked ? "Transfer-Encoding: chunked\r\n" : "";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{framing}Content-Type: text/plain\r\n\r\n"), token);
            byte[] block = Encoding.ASCII.GetBytes(chunked ? $"4000\r\n{new string('x', 0x4000)}\r\n" : new string('x', 0x4000));
            while (true)
            {
                await stream.WriteAsync(block, token);
                Interlocked.Add(ref written, block.Length);
            }
        });
        CheckRound round = Round(new NameCheckOptions { Port = server.Endpoint.Port, BodyContains = "healthy", Timeout = TimeSpan.FromMilliseconds(500) });
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await round.RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "HTTP 200, but the body lacks 'healthy'")));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)), "it stops reading, rather than timing out");
        Assert.That(Interlocked.Read(ref written), Is.GreaterThanOrEqualTo(HttpHealthCheck.BodyLimit));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_EndlessBodyWithoutBodyContains_PassesOnTheHeaders(CancellationToken ct)
    {
        await using RawTcpServer server = RawTcpServer.Start(Address, async (stream, token) =>
        {
            await RawTcpServer.ReadHeadAsync(stream, token);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\n\r\n"u8.ToArray(), token);
            byte[] block = new byte[0x4000];
            while (true)
            {
                await stream.WriteAsync(block, token);
            }
        });
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await Round(new NameCheckOptions { Port = server.Endpoint.Port, Timeout = TimeSpan.FromMilliseconds(500) }).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((true, "HTTP 200")));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_TextSentThenBodyStalls_PassesWithoutWaitingForTheRest(CancellationToken ct)
    {
        // The text arrives in the first bytes; the rest of the promised body never does.
        await using RawTcpServer server = RawTcpServer.Start(Address, async (stream, token) =>
        {
            await RawTcpServer.ReadHeadAsync(stream, token);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nstatus: healthy\n"u8.ToArray(), token);
            await Task.Delay(Timeout.Infinite, token);
        });

        CheckResult result = await Round(new NameCheckOptions { Port = server.Endpoint.Port, BodyContains = "healthy", Timeout = TimeSpan.FromMilliseconds(300) }).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((true, "HTTP 200")));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_NodeHangs_CutByTheRoundTimeout(CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);
        node.Behaviour = WebNodeBehaviour.Hang;
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await Round(new NameCheckOptions { Port = node.Endpoint.Port, Timeout = TimeSpan.FromMilliseconds(300) }).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "timed out after 0.3s")));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(node.Requests, Is.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_ServerAcceptsAndNeverAnswers_CutByTheRoundTimeout(CancellationToken ct)
    {
        await using RawTcpServer server = RawTcpServer.Start(Address, (_, token) => Task.Delay(Timeout.Infinite, token));
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await Round(new NameCheckOptions { Port = server.Endpoint.Port, Timeout = TimeSpan.FromMilliseconds(200) }).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "timed out after 0.2s")));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test, CancelAfter(10_000)]
    public async Task CheckAsync_Cancelled_Throws(CancellationToken ct)
    {
        await using TestWebNode node = await TestWebNode.StartAsync(Address, cancellationToken: ct);
        node.Behaviour = WebNodeBehaviour.Hang;
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => Check(new NameCheckOptions { Port = node.Endpoint.Port }).CheckAsync(s_address, stop.Token));
    }

    private HttpHealthCheck Check(NameCheckOptions options) => new(_client, CheckPlan.From(ProbeHarness.Name, options), TimeProvider.System);

    private CheckRound Round(NameCheckOptions options)
    {
        options.Retries = 0;
        options.Interval = TimeSpan.FromSeconds(1);
        options.Jitter = TimeSpan.Zero;
        CheckPlan plan = CheckPlan.From(ProbeHarness.Name, options);
        return new CheckRound(new HttpHealthCheck(_client, plan, TimeProvider.System), plan, TimeProvider.System);
    }

    /// <summary>A server that reads the request and answers <paramref name="answer"/>, then closes.</summary>
    private static RawTcpServer Serve(string answer) => RawTcpServer.Start(Address, async (stream, token) =>
    {
        await RawTcpServer.ReadHeadAsync(stream, token);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), token);
        stream.Socket.Shutdown(SocketShutdown.Send);
    });
}
