using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TwoPiR.Dns;

/// <summary>
/// Strict address parsing for settings and zone files. IPAddress.Parse takes "10.1" for 10.0.0.1 and
/// "010.0.0.1" for 8.0.0.1, so an operator would silently get another host; here IPv4 has four
/// decimal parts.
/// </summary>
internal static class AddressText
{
    /// <summary>Parses an IPv4 address of four decimal parts, or any IPv6 address without a scope.</summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            // IPAddress.Parse reads "010.0.0.1" as octal, 8.0.0.1; the strict parser refuses it.
            byte[] octets = new byte[4];
            if (!TryParseIPv4(Encoding.ASCII.GetBytes(text), octets))
            {
                return false;
            }

            address = new IPAddress(octets);
            return true;
        }

        // IPAddress.TryParse also takes "[2001:db8::1]:53" and a "/64" suffix, dropping the port or prefix.
        return text.IndexOfAny(['%', '[', ']', '/']) < 0
            && IPAddress.TryParse(text, out address)
            && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// Parses a dotted-quad IPv4 address as inet_pton does: four decimal parts of 0-255, no leading
    /// zeros, nothing else. Settings and zone files share it, as BIND reads both the same way.
    /// </summary>
    /// <param name="text">ASCII text.</param>
    /// <param name="address">Receives the four octets.</param>
    public static bool TryParseIPv4(ReadOnlySpan<byte> text, Span<byte> address)
    {
        int part = 0;
        int digits = 0;
        int value = 0;
        foreach (byte octet in text)
        {
            if (octet == '.' && digits > 0 && part < 3)
            {
                address[part++] = (byte)value;
                (digits, value) = (0, 0);
            }
            else if (char.IsAsciiDigit((char)octet) && !(digits > 0 && value == 0) && (value = (value * 10) + (octet - '0')) <= 255)
            {
                digits++;
            }
            else
            {
                return false;
            }
        }

        address[3] = (byte)value;
        return part == 3 && digits > 0;
    }

    /// <summary>Parses <c>ADDRESS:PORT</c> for IPv4 or <c>[ADDRESS]:PORT</c> for IPv6; the port is required.</summary>
    public static bool TryParseEndpoint(string text, [NotNullWhen(true)] out IPEndPoint? endpoint)
    {
        endpoint = null;
        int colon = text.LastIndexOf(':');
        if (colon < 0 || !ushort.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out ushort port))
        {
            return false;
        }

        string host = text[..colon];
        bool bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (bracketed)
        {
            host = host[1..^1];
        }

        if (!TryParseAddress(host, out IPAddress? address) || bracketed != (address.AddressFamily == AddressFamily.InterNetworkV6))
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>
    /// Parses a server to send queries to: an address alone, meaning port 53, or an endpoint as
    /// <see cref="TryParseEndpoint"/> takes it. Port 0 is refused: nothing answers there.
    /// </summary>
    public static bool TryParseServer(string text, [NotNullWhen(true)] out IPEndPoint? endpoint)
    {
        const int DnsPort = 53;
        if (TryParseAddress(text, out IPAddress? address))
        {
            endpoint = new IPEndPoint(address, DnsPort);
            return true;
        }

        return TryParseEndpoint(text, out endpoint) && endpoint.Port != 0;
    }

    /// <summary>Parses an endpoint that settings validation has already accepted.</summary>
    public static IPEndPoint ParseEndpoint(string text) =>
        TryParseEndpoint(text, out IPEndPoint? endpoint) ? endpoint : throw new FormatException($"'{text}' is not ADDRESS:PORT or [IPv6]:PORT");

    /// <summary>Parses an address (a single host) or a network in CIDR form such as <c>192.0.2.0/24</c>.</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!TryParseAddress(slash < 0 ? text : text[..slash], out IPAddress? address))
        {
            return false;
        }

        int maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = maxPrefix;
        if (slash >= 0 && !(int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out prefix) && prefix <= maxPrefix))
        {
            return false;
        }

        // Host bits are cleared, so 192.0.2.1/24 reads as 192.0.2.0/24.
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        network = new IPNetwork(new IPAddress(bytes), prefix);
        return true;
    }
}
