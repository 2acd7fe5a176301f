using System.Net.Sockets;

namespace TwoPiR.Probe.Checks;

/// <summary>Words for the socket errors a check meets.</summary>
internal static class SocketErrors
{
    /// <summary>Describes <paramref name="error"/> as a log reader would say it.</summary>
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "unreachable",
        SocketError.TimedOut => "connect timed out",
        _ => $"socket error {error}",
    };
}
