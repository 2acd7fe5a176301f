using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Dns.Answers;

/// <summary>A fixed set of networks, matched against <see cref="ClientAddress"/> without allocating.</summary>
internal sealed class ClientNetworks
{
    private const int MappedPrefixBits = 96;

    private readonly (UInt128 Prefix, UInt128 Mask)[] _networks;

    /// <summary>Holds <paramref name="networks"/>; IPv4 networks match IPv4 clients only.</summary>
    public ClientNetworks(IEnumerable<IPNetwork> networks) => _networks = [.. networks.Select(ToPrefix)];

    /// <summary>Parses networks that settings validation has already accepted.</summary>
    public static ClientNetworks Parse(IEnumerable<string> networks) => new(networks.Select(text =>
        AddressText.TryParseNetwork(text, out IPNetwork network) ? network : throw new FormatException($"'{text}' is not an address or network")));

    /// <summary>Whether any network holds <paramref name="client"/>; an unknown address is in none.</summary>
    public bool Contains(ClientAddress client)
    {
        if (!client.IsKnown)
        {
            return false;
        }

        foreach ((UInt128 prefix, UInt128 mask) in _networks)
        {
            if ((client.Bits & mask) == prefix)
            {
                return true;
            }
        }

        return false;
    }

    private static (UInt128 Prefix, UInt128 Mask) ToPrefix(IPNetwork network)
    {
        int length = network.PrefixLength + (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? MappedPrefixBits : 0);
        UInt128 mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        return (ClientAddress.From(network.BaseAddress).Bits & mask, mask);
    }
}
