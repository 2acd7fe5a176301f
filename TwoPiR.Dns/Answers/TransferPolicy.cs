using System.Net;
using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Answers;

/// <summary>Who may transfer whole zones (AXFR): the networks in <see cref="DnsServerOptions.AllowTransfer"/>, nobody by default.</summary>
internal sealed class TransferPolicy(IOptions<DnsServerOptions> options)
{
    private readonly IPNetwork[] _allowed = [.. options.Value.AllowTransfer.Select(ParseNetwork)];

    /// <summary>Whether <paramref name="client"/> may transfer zones.</summary>
    public bool IsAllowed(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        IPAddress address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return Array.Exists(_allowed, network => network.Contains(address));
    }

    private static IPNetwork ParseNetwork(string text) =>
        AddressText.TryParseNetwork(text, out IPNetwork network) ? network : throw new FormatException($"'{text}' is not an address or network");
}
