using Microsoft.Extensions.Options;

namespace TwoPiR.Dns;

/// <summary>Checks what attributes cannot: that addresses parse and the zones folder exists. Messages name the option both ways.</summary>
internal sealed class DnsServerOptionsValidator : IValidateOptions<DnsServerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DnsServerOptions options)
    {
        ValidateOptionsResultBuilder result = new();
        if (!Directory.Exists(options.Zones))
        {
            result.AddError($"--zones (Dns:Zones): the folder '{options.Zones}' does not exist");
        }

        foreach (string listen in options.Listen.Where(listen => !AddressText.TryParseEndpoint(listen, out _)))
        {
            result.AddError($"--listen (Dns:Listen): '{listen}' is not ADDRESS:PORT or [IPv6]:PORT, e.g. 127.0.0.1:5300 or [::1]:5300");
        }

        foreach (string network in options.AllowTransfer.Where(network => !AddressText.TryParseNetwork(network, out _)))
        {
            result.AddError($"--allow-transfer (Dns:AllowTransfer): '{network}' is not an address or a network such as 192.0.2.0/24");
        }

        return result.Build();
    }
}
