using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace TwoPiR.Probe.Checks;

/// <summary>
/// Passes when an HTTP GET of the plan's path, with its Host header, answers an accepted status
/// and, if asked, a body holding the text. Each check opens a fresh connection, so a web server
/// that stopped listening fails at once rather than after a pooled connection breaks.
/// </summary>
internal sealed class HttpHealthCheck(HttpMessageInvoker client, CheckPlan plan, TimeProvider time) : IHealthCheck
{
    /// <summary>How much of the body is searched; the rest is never read, so a huge body costs nothing.</summary>
    public const int BodyLimit = 64 * 1024;

    private static readonly ProductInfoHeaderValue s_userAgent = new("twopir-probe", "1");
    private readonly byte[]? _expected = plan.BodyContains is { } text ? Encoding.UTF8.GetBytes(text) : null;

    /// <summary>A client fit for checks: no proxy (which would send the check elsewhere), no redirects, no cookies, no pooling.</summary>
    public static HttpMessageInvoker CreateClient() => new(
        new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.Zero,
            MaxResponseHeadersLength = 16, // KiB
        },
        disposeHandler: true);

    /// <inheritdoc />
    public async Task<CheckResult> CheckAsync(IPAddress address, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        // The path goes out as written, query string included (UriBuilder would escape its '?').
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri($"http://{new IPEndPoint(address, plan.Port)}{plan.Path}"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = plan.Host;
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.Add(s_userAgent);
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
            int status = (int)response.StatusCode;
            string detail = $"HTTP {status}";
            if (!plan.Status.Accepts(status))
            {
                return new CheckResult(false, $"{detail}, not in {plan.Status}", time.GetElapsedTime(started));
            }

            if (_expected is not null && !await BodyContainsAsync(response, cancellationToken))
            {
                return new CheckResult(false, $"{detail}, but the body lacks '{plan.BodyContains}'", time.GetElapsedTime(started));
            }

            return new CheckResult(true, detail, time.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return new CheckResult(false, Describe(ex), time.GetElapsedTime(started));
        }
    }

    private async Task<bool> BodyContainsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BodyLimit);
        try
        {
            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
            int length = 0;
            int read;
            while (length < BodyLimit && (read = await body.ReadAsync(buffer.AsMemory(length, BodyLimit - length), cancellationToken)) > 0)
            {
                // Search as the body arrives: a node that sends the text and then stalls has passed.
                int from = Math.Max(0, length - _expected!.Length + 1);
                length += read;
                if (buffer.AsSpan(from, length - from).IndexOf(_expected) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (IOException)
        {
            return false; // the body broke off: treat it like a missing text
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.ConnectionError when ex.InnerException is SocketException socket => SocketErrors.Describe(socket.SocketErrorCode),
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "not an HTTP response",
        HttpRequestError.ConfigurationLimitExceeded => "response headers too large",
        _ => ex.Message,
    };
}
