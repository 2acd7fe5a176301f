using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Forwarding;

/// <summary>Checks what attributes cannot: upstream addresses and client networks parse, and no upstream is this server itself.</summary>
internal sealed class ForwardingOptionsValidator(IOptions<DnsServerOptions> server) : IValidateOptions<ForwardingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        ValidateOptionsResultBuilder result = new();
        IPEndPoint[] listening = [.. server.Value.EffectiveListen.Select(text => AddressText.TryParseEndpoint(text, out IPEndPoint? endpoint) ? endpoint : null).OfType<IPEndPoint>()];
        foreach (string upstream in options.Upstreams)
        {
            if (!AddressText.TryParseServer(upstream, out IPEndPoint? endpoint))
            {
                result.AddError($"--forward (Forwarding:Upstreams): '{upstream}' is not ADDRESS, ADDRESS:PORT or [IPv6]:PORT, e.g. 192.168.1.1 or 127.0.0.1:5353");
            }
            else if (Array.Exists(listening, listen => IsSameServer(endpoint, listen)))
            {
                result.AddError($"--forward (Forwarding:Upstreams): '{upstream}' is where this server listens; forwarding to itself would loop");
            }
        }

        foreach (string network in options.AllowRecursion.Where(network => !AddressText.TryParseNetwork(network, out _)))
        {
            result.AddError($"--allow-recursion (Forwarding:AllowRecursion): '{network}' is not an address or a network such as 192.168.1.0/24");
        }

        return result.Build();
    }

    /// <summary>Whether <paramref name="upstream"/> reaches our own <paramref name="listen"/> socket: the same endpoint, or a local address on a wildcard listen's port.</summary>
    private static bool IsSameServer(IPEndPoint upstream, IPEndPoint listen)
    {
        if (upstream.Port != listen.Port)
        {
            return false;
        }

        if (listen.Address.Equals(upstream.Address))
        {
            return true;
        }

        bool wildcard = listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any);
        return wildcard && listen.AddressFamily == upstream.AddressFamily && IsLocal(upstream.Address);
    }

    private static bool IsLocal(IPAddress address) =>
        IPAddress.IsLoopback(address)
        || NetworkInterface.GetAllNetworkInterfaces().Any(nic => nic.GetIPProperties().UnicastAddresses.Any(unicast => unicast.Address.Equals(address)));
}
