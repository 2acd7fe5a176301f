using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>
/// A tiny UDP upstream on 127.0.0.1 and a port of its own: it keeps every query it gets and sends
/// back whatever datagrams the test's script makes of it, in order. Real resolvers belong to the
/// integration tests.
/// </summary>
internal sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Func<byte[], byte[][]> _script;
    private readonly ConcurrentQueue<byte[]> _queries = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    /// <summary>Binds and starts answering with <paramref name="script"/>.</summary>
    public ScriptedUpstream(Func<byte[], byte[][]> script)
    {
        _script = script;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        _serving = ServeAsync(_stop.Token);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The upstream as settings write it: <c>127.0.0.1:PORT</c>.</summary>
    public string Address => Endpoint.ToString();

    /// <summary>The queries received so far, in order.</summary>
    public IReadOnlyList<byte[]> Queries => [.. _queries];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving;
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[ushort.MaxValue];
        SocketAddress client = new(AddressFamily.InterNetwork);
        try
        {
            while (true)
            {
                int received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, client, cancellationToken);
                byte[] query = buffer[..received];
                _queries.Enqueue(query);
                foreach (byte[] reply in _script(query))
                {
                    await _socket.SendToAsync(reply, SocketFlags.None, client, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test is over.
        }
    }
}
