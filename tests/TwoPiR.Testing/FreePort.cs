using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Testing;

/// <summary>Finds a port that is free for both UDP and TCP, for a program that must be told its port.</summary>
public static class FreePort
{
    private const int Attempts = 20;

    /// <summary>A port free for UDP and TCP on <paramref name="address"/> a moment ago.</summary>
    /// <remarks>Another program may take it before ours does; prefer port 0 when the program can report what it bound.</remarks>
    public static int On(IPAddress address)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            using Socket udp = new(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(address, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using Socket tcp = new(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // TCP has it taken; ask for another.
            }
        }

        throw new InvalidOperationException($"no port free for both UDP and TCP on {address} after {Attempts} tries");
    }
}
