using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Dns.Server;

/// <summary>An address could not be bound; the message names the transport and address and, where it helps, the fix.</summary>
public sealed class ListenException : Exception
{
    /// <summary>Creates the exception for a failed bind of <paramref name="transport"/> on <paramref name="endpoint"/>.</summary>
    /// <param name="transport">"udp" or "tcp".</param>
    /// <param name="endpoint">The address asked for.</param>
    /// <param name="inner">The socket error.</param>
    public ListenException(string transport, IPEndPoint endpoint, SocketException inner)
        : base($"cannot listen on {transport} {endpoint}: {inner.Message}{Hint(endpoint, inner.SocketErrorCode)}", inner)
    {
    }

    private static string Hint(IPEndPoint endpoint, SocketError error) => error switch
    {
        SocketError.AccessDenied when endpoint.Port < 1024 => " (ports below 1024 need root or CAP_NET_BIND_SERVICE; see deploy/twopir-dns.service)",
        SocketError.AddressAlreadyInUse => " (another program holds it: ss -ulpn / ss -tlpn shows which)",
        SocketError.AddressNotAvailable => " (that address is not on this machine)",
        _ => string.Empty,
    };
}
