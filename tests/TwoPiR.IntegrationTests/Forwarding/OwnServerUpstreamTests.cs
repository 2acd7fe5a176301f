using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// A second instance of our own server as the upstream, serving <c>upstream.test</c>: its
/// authoritative answer relayed as a recursive one, failover when it goes away, our own zones
/// winning over its, and its REFUSED for names it does not serve.
/// </summary>
[Category("Integration")]
public sealed class OwnServerUpstreamTests
{
    private const string FirstAddress = "192.0.2.31";
    private const string SecondAddress = "192.0.2.32";

    [OneTimeSetUp]
    public void RequireDig() => Dig.EnsureInstalled();

    [Test, CancelAfter(15_000)]
    public async Task Dig_NameInTheOtherServersZone_IsRelayedWithRaAndWithoutAa(CancellationToken ct)
    {
        await using Upstream upstream = await Upstream.StartAsync("upstream.test", FirstAddress, ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Name], cancellationToken: ct);

        DigMessage direct = await Dig.QueryAsync(upstream.Server.Port, "www.upstream.test A", ct);
        DigMessage relayed = await Dig.QueryAsync(rig.Port, "www.upstream.test A", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.Flags, Is.EquivalentTo(new[] { "qr", "aa", "rd" }), "the upstream answers with authority, and offers no recursion");
            Assert.That(relayed.Status, Is.EqualTo("NOERROR"));
            Assert.That(relayed.Flags, Is.EquivalentTo(new[] { "qr", "rd", "ra" }));
            Assert.That(relayed.Answer.Select(record => (record.Owner, record.Ttl, record.Data)), Is.EqualTo(new[] { ("www.upstream.test.", 300u, FirstAddress) }));
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_FirstUpstreamStopped_TheSecondAnswersAndTheCacheStillServes(CancellationToken ct)
    {
        await using Upstream first = await Upstream.StartAsync("upstream.test", FirstAddress, ct);
        await using Upstream second = await Upstream.StartAsync("upstream.test", SecondAddress, ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([first.Name, second.Name], cancellationToken: ct);
        DigMessage before = await Dig.QueryAsync(rig.Port, "www.upstream.test A", ct);

        await first.DisposeAsync();
        DigMessage after = await Dig.QueryAsync(rig.Port, "mail.upstream.test A", ct);
        DigMessage cached = await Dig.QueryAsync(rig.Port, "www.upstream.test A", ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.Answer.Select(record => record.Data), Is.EqualTo(new[] { FirstAddress }), "the first upstream is asked first");
            Assert.That(after.Answer.Select(record => record.Data), Is.EqualTo(new[] { SecondAddress }));
            Assert.That(cached.Answer.Select(record => record.Data), Is.EqualTo(new[] { FirstAddress }));
            Assert.That(metrics.Tries(first.Name, "failed"), Is.EqualTo(1), metrics.ToString());
            Assert.That(metrics.Tries(second.Name, "answered"), Is.EqualTo(1), metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_UpstreamServesOneOfOurZones_OurZoneWins(CancellationToken ct)
    {
        await using Upstream upstream = await Upstream.StartAsync("example.com", FirstAddress, ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Name], cancellationToken: ct);

        DigMessage response = await Dig.QueryAsync(rig.Port, "www.example.com A", ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Flags, Is.EquivalentTo(new[] { "qr", "aa", "rd", "ra" }));
            Assert.That(response.Answer.Select(record => record.Data), Is.EquivalentTo(new[] { "twopir.example.com.", "192.0.2.10", "192.0.2.11" }));
            Assert.That(metrics.Tries(upstream.Name), Is.Zero, metrics.ToString());
        }
    }

    [Test, CancelAfter(15_000)]
    public async Task Dig_NameTheUpstreamDoesNotServe_RelaysItsRefused(CancellationToken ct)
    {
        await using Upstream upstream = await Upstream.StartAsync("upstream.test", FirstAddress, ct);
        await using ForwardingRig rig = await ForwardingRig.StartAsync([upstream.Name], cancellationToken: ct);

        DigMessage response = await Dig.QueryAsync(rig.Port, "www.elsewhere.test A", ct);

        ForwardingMetrics metrics = await rig.MetricsAsync(ct);
        using (Assert.EnterMultipleScope())
        {
            // Forwarder keeps the first SERVFAIL or REFUSED to relay when no upstream does better.
            Assert.That(response.Status, Is.EqualTo("REFUSED"));
            Assert.That(response.Answer, Is.Empty);
            Assert.That(metrics.Tries(upstream.Name, "servfail_or_refused"), Is.EqualTo(1), metrics.ToString());
        }
    }

    /// <summary>Our server, in process, serving one zone whose names <c>www</c> and <c>mail</c> have one address.</summary>
    private sealed class Upstream : IAsyncDisposable
    {
        private readonly TempDirectory _zones;
        private bool _stopped;

        private Upstream(TempDirectory zones, DnsTestServer server)
        {
            _zones = zones;
            Server = server;
        }

        public DnsTestServer Server { get; }

        /// <summary>As <c>Forwarding:Upstreams</c> takes it and the metrics label it.</summary>
        public string Name => Server.Endpoint.ToString();

        public static async Task<Upstream> StartAsync(string origin, string address, CancellationToken ct)
        {
            TempDirectory zones = new();
            try
            {
                zones.Write($"{origin}.zone", $"""
                    $ORIGIN {origin}.
                    $TTL 300
                    @     IN SOA ns hostmaster 1 3600 600 86400 60
                    @     IN NS  ns
                    ns    IN A   192.0.2.53
                    www   IN A   {address}
                    mail  IN A   {address}

                    """);
                return new Upstream(zones, await DnsTestServer.StartAsync(zones.Path, cancellationToken: ct));
            }
            catch
            {
                zones.Dispose();
                throw;
            }
        }

        /// <summary>Stops the server; its port then answers UDP with ICMP port unreachable. Safe to call twice.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await Server.DisposeAsync();
                _zones.Dispose();
            }
        }
    }
}
