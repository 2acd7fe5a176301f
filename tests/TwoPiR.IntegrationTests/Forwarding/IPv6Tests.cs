using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using TwoPiR.Dns.Server;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// IPv6 on ::1: an upstream written <c>[::1]:PORT</c>, and clients over IPv6, which the default
/// allow list takes (::1/128) and an IPv4-only list does not.
/// </summary>
[Category("Integration")]
public sealed class IPv6Tests
{
    private const string Answer = "192.0.2.20";

    [OneTimeSetUp]
    public void RequireIPv6Loopback()
    {
        if (!HasIPv6Loopback())
        {
            Assert.Ignore("no IPv6 loopback on this machine");
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Forward_UpstreamOnIPv6Loopback_Answers(CancellationToken ct)
    {
        await using FakeUpstream upstream = FakeUpstream.Start(FakeUpstream.Answering(60, Answer), IPAddress.IPv6Loopback);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], cancellationToken: ct);

        ResponseView response = await rig.UdpAsync(QueryBytes.Create("v6.fwd.test", (ushort)RecordType.A), ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(upstream.Upstream, Does.StartWith("[::1]:"));
            Assert.That(response.Answers.Select(record => record.Data), Is.EqualTo(new[] { Answer }));
            Assert.That(metrics.Tries(upstream.Upstream, "answered"), Is.EqualTo(1), metrics.ToString());
        }
    }

    [TestCase(null, true, TestName = "{m}(default list)")]
    [TestCase("127.0.0.0/8", false, TestName = "{m}(127.0.0.0/8)")]
    [TestCase("::1", true, TestName = "{m}(::1)")]
    [CancelAfter(10_000)]
    public async Task Forward_ClientOnIPv6Loopback_IsServedWhenListed(string? allow, bool allowed, CancellationToken ct)
    {
        await using FakeUpstream upstream = FakeUpstream.Start(FakeUpstream.Answering(60, Answer));
        Dictionary<string, string?> settings = new() { ["Dns:Listen:1"] = "[::1]:0" };
        if (allow is not null)
        {
            settings["Forwarding:AllowRecursion:0"] = allow;
        }

        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Upstream], settings, ct);
        IPEndPoint overIPv6 = rig.Server.Services.GetRequiredService<DnsServerService>().UdpEndpoints
            .Single(endpoint => endpoint.AddressFamily == AddressFamily.InterNetworkV6);

        ResponseView response = ResponseView.Parse(await DnsUdpExchange.ExchangeAsync(overIPv6, QueryBytes.Create("v6.fwd.test", (ushort)RecordType.A), ct));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ResponseCode, Is.EqualTo((int)(allowed ? ResponseCode.NoError : ResponseCode.Refused)));
            Assert.That(response.RecursionAvailable, Is.EqualTo(allowed));
            Assert.That(upstream.Queries, Has.Count.EqualTo(allowed ? 1 : 0));
        }
    }

    private static bool HasIPv6Loopback()
    {
        try
        {
            using Socket probe = new(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
