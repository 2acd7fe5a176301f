using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe.Status;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// The server under test, in process on 127.0.0.1 with <see cref="IntegrationZones"/> as its own
/// zones, forwarding everything else to the upstreams it is given; with raw UDP and TCP queries
/// and the forwarding samples of its <c>/metrics</c>.
/// </summary>
internal sealed class ForwardingRig : IAsyncDisposable
{
    private ForwardingRig(DnsTestServer server) => Server = server;

    /// <summary>The forwarding server.</summary>
    public DnsTestServer Server { get; }

    /// <summary>Its port on 127.0.0.1, UDP and TCP.</summary>
    public int Port => Server.Port;

    /// <summary>Starts a server that forwards to <paramref name="upstreams"/>, in that order.</summary>
    /// <param name="upstreams">Each <c>ADDRESS:PORT</c>, all on loopback.</param>
    /// <param name="settings">More configuration, e.g. <c>["Forwarding:Timeout"] = "00:00:00.300"</c>; <c>Dns:Zones</c> replaces the zones folder.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ForwardingRig> StartAsync(
        IEnumerable<string> upstreams, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string?> configuration = new(settings ?? new Dictionary<string, string?>());
        foreach ((string upstream, int index) in upstreams.Select((upstream, index) => (upstream, index)))
        {
            configuration[$"Forwarding:Upstreams:{index}"] = upstream;
        }

        return new ForwardingRig(await DnsTestServer.StartAsync(IntegrationZones.Directory, configuration, cancellationToken: cancellationToken));
    }

    /// <summary>Sends <paramref name="query"/> over UDP and parses the reply.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <param name="from">A loopback address to send from; 127.0.0.1 when null.</param>
    public async Task<ResponseView> UdpAsync(byte[] query, CancellationToken cancellationToken, IPAddress? from = null) =>
        ResponseView.Parse(await DnsUdpExchange.ExchangeAsync(Server.Endpoint, query, cancellationToken, from));

    /// <summary>Sends <paramref name="query"/> over a new TCP connection and parses the reply.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <param name="from">A loopback address to connect from; 127.0.0.1 when null.</param>
    public async Task<ResponseView> TcpAsync(byte[] query, CancellationToken cancellationToken, IPAddress? from = null)
    {
        using DnsTcpClient client = await DnsTcpClient.ConnectAsync(Server.Endpoint, cancellationToken, from);
        return ResponseView.Parse(await client.QueryAsync(query, cancellationToken));
    }

    /// <summary>Scrapes <c>/metrics</c> on the server's status endpoint.</summary>
    public async Task<ForwardingMetrics> MetricsAsync(CancellationToken cancellationToken)
    {
        IPEndPoint status = Server.Services.GetRequiredService<StatusEndpointService>().Endpoint
            ?? throw new InvalidOperationException("the status endpoint is off");
        using HttpClient client = new(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{status}"),
            Timeout = TimeSpan.FromSeconds(5),
        };
        return ForwardingMetrics.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
