using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Status;

/// <summary>
/// The local status and admin endpoint on Kestrel: <c>/</c> (the page), <c>/status</c> (JSON),
/// <c>/metrics</c> (Prometheus text), and <c>POST /drain/{address}</c> and <c>/undrain/{address}</c>.
/// </summary>
internal sealed class StatusEndpointService(
    IOptions<StatusOptions> options, HealthTable table, PrometheusExporter metrics, TimeProvider time, ILogger<StatusEndpointService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound address, once started; <see langword="null"/> when turned off.</summary>
    public IPEndPoint? Endpoint { get; private set; }

    /// <summary>Starts listening; the composition root calls it before the host starts, so a taken port is one line, not a stack trace.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            return; // already started early
        }

        if (!StatusOptionsValidator.TryParseEndpoint(options.Value.Listen, out IPEndPoint endpoint))
        {
            return; // turned off (validation has refused anything else)
        }

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "twopir-status" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024;
        });
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync(cancellationToken);
        string bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = IPEndPoint.Parse(new Uri(bound).Authority);
        string where = Endpoint.ToString();
        ProbeLog.StatusListening(logger, where);
        if (!IPAddress.IsLoopback(Endpoint.Address))
        {
            ProbeLog.StatusNotLoopback(logger, where);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        app.Use(RefuseBrowserAttacksAsync);
        app.UseRouting();
        app.MapGet("/", context => WriteAsync(context, "text/html; charset=utf-8", StatusPage.Render(Document())));
        app.MapGet("/status", context => WriteAsync(context, "application/json", JsonSerializer.Serialize(Document(), StatusJson.Default.StatusDocument)));
        app.MapGet("/metrics", context => WriteAsync(context, "text/plain; version=0.0.4; charset=utf-8", metrics.Render()));
        app.MapPost("/drain/{address}", context => DrainAsync(context, drained: true));
        app.MapPost("/undrain/{address}", context => DrainAsync(context, drained: false));
    }

    /// <summary>
    /// Loopback is not enough on its own: a web page open on this machine may POST to it (a drain by
    /// cross-site request, which browsers mark with Origin), or reach it under its own name (DNS
    /// rebinding, which shows in Host). Refuse both; the CLI and scrapers send neither.
    /// </summary>
    private static Task RefuseBrowserAttacksAsync(HttpContext context, RequestDelegate next)
    {
        string host = context.Request.Host.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out _) && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            return context.Response.WriteAsync("address this endpoint by IP address or localhost\n", context.RequestAborted);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Origin.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("drains come from twopir-dns drain, not from web pages\n", context.RequestAborted);
        }

        return next(context);
    }

    private StatusDocument Document() => StatusDocument.From(table.Report(), table.StateFilePath, time.GetUtcNow());

    private Task DrainAsync(HttpContext context, bool drained)
    {
        string text = context.Request.RouteValues["address"] as string ?? "";
        if (!IPAddress.TryParse(text, out IPAddress? address) || address.ToString() != text)
        {
            return ReplyAsync(context, StatusCodes.Status400BadRequest, new DrainResponse(text, drained, "bad-address", $"'{text}' is not an IP address"));
        }

        bool force = context.Request.Query.ContainsKey("force");
        DrainOutcome outcome = table.SetDrained(address, drained, force);
        string verb = drained ? "drained" : "undrained";
        (int status, string message) = outcome switch
        {
            DrainOutcome.Changed => (StatusCodes.Status200OK, drained ? $"{address} drained: left out of answers until undrained" : $"{address} undrained: served again when healthy"),
            DrainOutcome.Unchanged => (StatusCodes.Status200OK, $"{address} was already {verb}"),
            DrainOutcome.UnknownAddress => (StatusCodes.Status404NotFound, $"{address} is not an address of any health-checked name"),
            _ => (StatusCodes.Status409Conflict, $"draining {address} would leave {table.NamesOf(address)} with no address to serve; undrain another first, or use --force"),
        };
        return ReplyAsync(context, status, new DrainResponse(address.ToString(), drained, outcome.ToString(), message));
    }

    private static Task ReplyAsync(HttpContext context, int status, DrainResponse response)
    {
        context.Response.StatusCode = status;
        return WriteAsync(context, "application/json", JsonSerializer.Serialize(response, StatusJson.Default.DrainResponse));
    }

    private static Task WriteAsync(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
