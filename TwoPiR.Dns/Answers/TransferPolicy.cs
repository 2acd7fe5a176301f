using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Answers;

/// <summary>Who may transfer whole zones (AXFR): the networks in <see cref="DnsServerOptions.AllowTransfer"/>, nobody by default.</summary>
internal sealed class TransferPolicy(IOptions<DnsServerOptions> options)
{
    private readonly ClientNetworks _allowed = ClientNetworks.Parse(options.Value.AllowTransfer);

    /// <summary>Whether <paramref name="client"/> may transfer zones.</summary>
    public bool IsAllowed(ClientAddress client) => _allowed.Contains(client);
}
