using System.Net;
using Microsoft.Extensions.Options;

namespace TwoPiR.Probe.Status;

/// <summary>Rejects a status address that is not <c>address:port</c>.</summary>
internal sealed class StatusOptionsValidator : IValidateOptions<StatusOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StatusOptions options) =>
        options.Listen.Length == 0 || TryParseEndpoint(options.Listen, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{StatusOptions.SectionName}:Listen: '{options.Listen}' is not address:port (e.g. 127.0.0.1:8053 or [::1]:8053), or empty to turn the status endpoint off");

    /// <summary>Parses <c>address:port</c>, refusing the octal and short IPv4 forms <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> accepts.</summary>
    public static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.None, 0);
        if (!IPEndPoint.TryParse(text, out IPEndPoint? parsed) || text.LastIndexOf(':') is var colon && colon < 0)
        {
            return false;
        }

        string host = text[..colon].Trim('[', ']');
        if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && parsed.Address.ToString() != host)
        {
            return false; // "010.0.0.1" reads as 8.0.0.1
        }

        endpoint = parsed;
        return true;
    }
}
