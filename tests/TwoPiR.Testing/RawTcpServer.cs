using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TwoPiR.Testing;

/// <summary>
/// A TCP server on a loopback address that runs a script on every connection it accepts, for
/// peers that misbehave below HTTP: garbage instead of a status line, a body that never ends,
/// a connection that is accepted and never answered.
/// </summary>
public sealed class RawTcpServer : IAsyncDisposable
{
    private const int HeadLimit = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly Func<NetworkStream, CancellationToken, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    private RawTcpServer(IPAddress address, Func<NetworkStream, CancellationToken, Task> script)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _script = script;
        _accepting = AcceptAsync();
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>How many connections the server accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>
    /// Listens on <paramref name="address"/> (a loopback address) on a free port and runs
    /// <paramref name="script"/> on each connection; the connection closes when the script returns.
    /// </summary>
    public static RawTcpServer Start(string address, Func<NetworkStream, CancellationToken, Task> script) => new(IPAddress.Parse(address), script);

    /// <summary>Reads an HTTP request head, up to and including the blank line, as text.</summary>
    /// <exception cref="IOException">The peer sent more than 16 KiB without a blank line, or hung up.</exception>
    public static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] head = new byte[HeadLimit];
        int length = 0;
        while (length < 4 || !head.AsSpan(length - 4, 4).SequenceEqual("\r\n\r\n"u8))
        {
            if (length == head.Length)
            {
                throw new IOException("request head over 16 KiB");
            }

            int read = await stream.ReadAsync(head.AsMemory(length, 1), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the peer hung up before the end of the request head");
            }

            length += read;
        }

        return Encoding.ASCII.GetString(head, 0, length);
    }

    /// <summary>Stops listening, cuts every connection and waits for the scripts to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll([_accepting, .. connections]);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_lock)
                {
                    _connections.Add(ServeAsync(socket));
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (SocketException) when (_stop.IsCancellationRequested)
        {
            // The listener stopped under a pending accept.
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield(); // return to the accept loop before the script runs
        await using NetworkStream stream = new(socket, ownsSocket: true);
        try
        {
            await _script(stream, _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (IOException)
        {
            // The client hung up, as a check does once it has seen enough.
        }
    }
}
