using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TwoPiR.Testing;

/// <summary>How a <see cref="TestWebNode"/> answers.</summary>
public enum WebNodeBehaviour
{
    /// <summary>200 with a body naming the node.</summary>
    Serve,

    /// <summary>503.</summary>
    Fail,

    /// <summary>Accepts the request and never answers.</summary>
    Hang,

    /// <summary>503 and 200 in turn, request by request, starting with 503: a flapping node.</summary>
    Alternate,
}

/// <summary>
/// A real web node on loopback (Kestrel), as nginx would be on a Pi: answers <c>GET /</c> with a
/// body naming itself, and can be told to fail, hang, stop listening and start again on the same port.
/// </summary>
public sealed class TestWebNode : IAsyncDisposable
{
    private readonly IPAddress _address;
    private WebApplication? _app;

    private TestWebNode(IPAddress address) => _address = address;

    /// <summary>Where the node listens.</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>How the node answers now; change it at any time.</summary>
    public WebNodeBehaviour Behaviour { get; set; } = WebNodeBehaviour.Serve;

    /// <summary>The Host header of every request so far.</summary>
    public IReadOnlyList<string> Hosts => [.. _hosts];

    /// <summary>How many requests reached the node.</summary>
    public int Requests => _hosts.Count;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _hosts = new();
    private int _alternations;

    /// <summary>Starts a node on <paramref name="address"/> (a loopback address) and <paramref name="port"/> (0: any free port).</summary>
    public static async Task<TestWebNode> StartAsync(string address, int port = 0, CancellationToken cancellationToken = default)
    {
        TestWebNode node = new(IPAddress.Parse(address));
        await node.ListenAsync(port, cancellationToken);
        return node;
    }

    /// <summary>Stops listening: new connections are refused, as when nginx stops.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same address and port.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => ListenAsync(Endpoint.Port, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(_address, port));
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = IPEndPoint.Parse(new Uri(bound).Authority);
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        _hosts.Enqueue(context.Request.Host.Value ?? "");
        WebNodeBehaviour behaviour = Behaviour;
        if (behaviour == WebNodeBehaviour.Alternate)
        {
            behaviour = Interlocked.Increment(ref _alternations) % 2 == 1 ? WebNodeBehaviour.Fail : WebNodeBehaviour.Serve;
        }

        switch (behaviour)
        {
            case WebNodeBehaviour.Fail:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("down for maintenance\n", context.RequestAborted);
                break;
            case WebNodeBehaviour.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                break;
            default:
                await context.Response.WriteAsync($"served by {_address}\n", context.RequestAborted);
                break;
        }
    }
}
