using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns;
using TwoPiR.Dns.Server;
using TwoPiR.Probe;

namespace TwoPiR.Testing;

/// <summary>The real DNS host, in process, listening on 127.0.0.1 with a port the system picks.</summary>
public sealed class DnsTestServer : IAsyncDisposable
{
    private readonly IHost _host;

    private DnsTestServer(IHost host, ListLoggerProvider logs, IPEndPoint endpoint)
    {
        _host = host;
        Logs = logs;
        Endpoint = endpoint;
    }

    /// <summary>Where the server listens, UDP and TCP alike.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => Endpoint.Port;

    /// <summary>Everything the server logged, Debug and above.</summary>
    public ListLoggerProvider Logs { get; }

    /// <summary>The host's services, for tests that need to reach inside.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a server on the zones in <paramref name="zonesDirectory"/>.</summary>
    /// <param name="zonesDirectory">The zones folder.</param>
    /// <param name="settings">Extra configuration, e.g. <c>["Dns:AllowTransfer:0"] = "127.0.0.1"</c>.</param>
    /// <param name="configureServices">Registrations made before the server's own, e.g. a test health view.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DnsTestServer> StartAsync(
        string zonesDirectory,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Dictionary<string, string?> configuration = new()
        {
            ["Dns:Zones"] = zonesDirectory,
            ["Dns:Listen:0"] = "127.0.0.1:0",
            ["Dns:ReloadDelay"] = "00:00:00.100",
            ["Status:Listen"] = "127.0.0.1:0", // servers run side by side
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        ListLoggerProvider logs = new();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddTwoPiRProbe();
        builder.Services.AddTwoPiRDns();
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        IPEndPoint endpoint = host.Services.GetRequiredService<DnsServerService>().UdpEndpoints[0];
        return new DnsTestServer(host, logs, endpoint);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
