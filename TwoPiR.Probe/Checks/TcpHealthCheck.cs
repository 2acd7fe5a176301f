using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Probe.Checks;

/// <summary>Passes when the node accepts a TCP connection on the port.</summary>
internal sealed class TcpHealthCheck(int port, TimeProvider time) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<CheckResult> CheckAsync(IPAddress address, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        try
        {
            // Inside the try: creating an IPv6 socket fails on a host without IPv6, and that is a failed check.
            using Socket socket = new(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            return new CheckResult(true, "connected", time.GetElapsedTime(started));
        }
        catch (SocketException ex)
        {
            return new CheckResult(false, SocketErrors.Describe(ex.SocketErrorCode), time.GetElapsedTime(started));
        }
    }
}
