using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace TwoPiR.Dns.Server;

/// <summary>Parses listen addresses: <c>ADDRESS:PORT</c> for IPv4, <c>[ADDRESS]:PORT</c> for IPv6.</summary>
internal static class ListenAddress
{
    /// <summary>Parses <paramref name="text"/>; the port is required, and 0 picks a free one.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint)
    {
        endpoint = null;
        bool hasPort = text.StartsWith('[')
            ? text.Contains("]:", StringComparison.Ordinal)
            : text.Count(c => c == ':') == 1;
        return hasPort && IPEndPoint.TryParse(text, out endpoint);
    }

    /// <summary>Parses an address already validated at start-up.</summary>
    public static IPEndPoint Parse(string text) =>
        TryParse(text, out IPEndPoint? endpoint) ? endpoint : throw new FormatException($"'{text}' is not ADDRESS:PORT");
}
