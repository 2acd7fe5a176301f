using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TwoPiR.Probe.Status;

/// <summary>
/// The operator commands of the prober — <c>status</c>, <c>drain</c>, <c>undrain</c> — as a client
/// of a running server's status endpoint. Each returns an exit status: 0 done, 1 failed or refused.
/// </summary>
public static class StatusCommands
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>The status endpoint named by <paramref name="configuration"/>'s <c>Status:Listen</c>, or the default.</summary>
    /// <param name="configuration">The same settings the server reads.</param>
    /// <returns>The <c>address:port</c> to reach.</returns>
    public static string StatusEndpoint(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        StatusOptions options = new();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(StatusOptions.SectionName), options);
        return options.Listen;
    }

    /// <summary>Prints every checked name and address as a table, or as the raw JSON.</summary>
    /// <param name="listen">The server's <c>Status:Listen</c> address, e.g. <c>127.0.0.1:8053</c>.</param>
    /// <param name="json">Print the JSON document instead of a table.</param>
    /// <param name="output">Where the table goes.</param>
    /// <param name="error">Where a failure is explained.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> StatusAsync(string listen, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using HttpClient client = CreateClient(listen);
        try
        {
            string body = await client.GetStringAsync(new Uri("/status", UriKind.Relative), cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(body);
                return 0;
            }

            StatusDocument document = JsonSerializer.Deserialize(body, StatusJson.Default.StatusDocument)
                ?? throw new JsonException("empty document");
            await output.WriteAsync(StatusTable.Render(document));
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            await error.WriteLineAsync(Unreachable(client, ex));
            return 1;
        }
    }

    /// <summary>Drains or undrains <paramref name="address"/> on the running server.</summary>
    /// <param name="listen">The server's <c>Status:Listen</c> address.</param>
    /// <param name="address">The node's address as it appears in the zone.</param>
    /// <param name="drain">Drain (leave out of answers) or undrain.</param>
    /// <param name="force">Drain even the last address a name could serve.</param>
    /// <param name="output">Where the outcome goes.</param>
    /// <param name="error">Where a failure is explained.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The exit status.</returns>
    public static async Task<int> DrainAsync(
        string listen, string address, bool drain, bool force, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using HttpClient client = CreateClient(listen);
        string path = $"/{(drain ? "drain" : "undrain")}/{Uri.EscapeDataString(address)}{(force ? "?force" : "")}";
        try
        {
            using HttpResponseMessage response = await client.PostAsync(new Uri(path, UriKind.Relative), content: null, cancellationToken);
            DrainResponse? outcome = await response.Content.ReadFromJsonAsync(StatusJson.Default.DrainResponse, cancellationToken);
            TextWriter writer = response.IsSuccessStatusCode ? output : error;
            await writer.WriteLineAsync(outcome?.Message ?? $"HTTP {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            await error.WriteLineAsync(Unreachable(client, ex));
            return 1;
        }
    }

    private static HttpClient CreateClient(string listen)
    {
        if (!StatusOptionsValidator.TryParseEndpoint(listen, out IPEndPoint endpoint))
        {
            throw new ArgumentException($"'{listen}' is not address:port", nameof(listen));
        }

        // A wildcard listen address is reached through loopback.
        IPAddress target = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endpoint.Address;
        return new HttpClient(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{new IPEndPoint(target, endpoint.Port)}"),
            Timeout = s_timeout,
        };
    }

    private static string Unreachable(HttpClient client, Exception ex) => string.Create(
        CultureInfo.InvariantCulture,
        $"no status from {client.BaseAddress}: {(ex is TaskCanceledException ? "timed out" : ex.Message)} (is twopir-dns running, and is Status:Listen the same? see --status)");
}
