using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// A scripted upstream resolver on 127.0.0.1 (or ::1), UDP and TCP on one port: it records every query and
/// sends back whatever its <see cref="Script"/> says, in order: nothing, wrong answers, answers from
/// another port, a truncated answer over UDP and the whole one over TCP.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private const int BindAttempts = 20;

    private readonly Socket _udp;
    private readonly Socket _spoofer;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedQuery> _queries = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private Func<ReceivedQuery, IEnumerable<FakeReply>> _script;

    private FakeUpstream(Socket udp, TcpListener tcp, Func<ReceivedQuery, IEnumerable<FakeReply>> script)
    {
        _udp = udp;
        _tcp = tcp;
        _script = script;
        IPAddress address = ((IPEndPoint)udp.LocalEndPoint!).Address;
        _spoofer = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _spoofer.Bind(new IPEndPoint(address, 0));
        _udpLoop = ServeUdpAsync();
        _tcpLoop = AcceptAsync();
    }

    /// <summary>Where it listens, UDP and TCP.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_udp.LocalEndPoint!;

    /// <summary>The upstream as <c>Forwarding:Upstreams</c> takes it, and as the metrics label it: <c>127.0.0.1:PORT</c> or <c>[::1]:PORT</c>.</summary>
    public string Upstream => Endpoint.ToString();

    /// <summary>What it answers each query with; replaceable while it runs.</summary>
    public Func<ReceivedQuery, IEnumerable<FakeReply>> Script
    {
        get => Volatile.Read(ref _script);
        set => Volatile.Write(ref _script, value);
    }

    /// <summary>Every query received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedQuery> Queries => [.. _queries];

    /// <summary>A script that answers every question with A records for <paramref name="addresses"/>, TTL <paramref name="ttl"/>.</summary>
    public static Func<ReceivedQuery, IEnumerable<FakeReply>> Answering(uint ttl, params string[] addresses) =>
        query => [UpstreamAnswer.To(query).WithAddresses(ttl, addresses).Reply()];

    /// <summary>A script that answers every question with <paramref name="code"/> and no records.</summary>
    public static Func<ReceivedQuery, IEnumerable<FakeReply>> Failing(ResponseCode code) =>
        query => [(UpstreamAnswer.To(query) with { Code = code }).Reply()];

    /// <summary>A script that never answers.</summary>
    public static IEnumerable<FakeReply> Silent(ReceivedQuery query) => [];

    /// <summary>Starts listening on a free port of <paramref name="address"/>.</summary>
    /// <param name="script">What to answer.</param>
    /// <param name="address">127.0.0.1 when null, or another loopback address such as ::1.</param>
    public static FakeUpstream Start(Func<ReceivedQuery, IEnumerable<FakeReply>> script, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        for (int attempt = 0; ; attempt++)
        {
            Socket udp = new(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(address, 0));
            TcpListener tcp = new(address, ((IPEndPoint)udp.LocalEndPoint!).Port);
            try
            {
                tcp.Start();
                return new FakeUpstream(udp, tcp, script);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < BindAttempts)
            {
                udp.Dispose(); // TCP has that port taken: another one
            }
        }
    }

    /// <summary>Forgets the queries received so far and answers with <paramref name="script"/> from now on: for a fixture that shares one upstream.</summary>
    public void Reset(Func<ReceivedQuery, IEnumerable<FakeReply>> script)
    {
        _queries.Clear();
        Script = script;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _spoofer.Dispose();
        _tcp.Stop();
        await Task.WhenAll([_udpLoop, _tcpLoop, .. _connections]);
        _stop.Dispose();
    }

    private async Task ServeUdpAsync()
    {
        byte[] buffer = new byte[ushort.MaxValue];
        IPEndPoint anyone = new(Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (true)
            {
                SocketReceiveFromResult received;
                try
                {
                    received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, anyone, _stop.Token);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
                {
                    continue; // an ICMP error for an earlier reply: the forwarder had closed that socket
                }

                if (ReceivedQuery.TryParse(buffer[..received.ReceivedBytes], overTcp: false) is not { } query)
                {
                    continue;
                }

                _queries.Enqueue(query);
                foreach (FakeReply reply in Script(query))
                {
                    Socket from = reply.FromAnotherPort ? _spoofer : _udp;
                    await from.SendToAsync(reply.Message, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
                }
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket client = await _tcp.AcceptSocketAsync(_stop.Token);
                _connections.Add(ServeTcpAsync(client));
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }

    private async Task ServeTcpAsync(Socket client)
    {
        using (client)
        {
            try
            {
                // RFC 7766 §6.2.1: several queries may come on one connection; read until the peer closes.
                while (await DnsTcpFraming.ReceiveAsync(client, _stop.Token) is { } message)
                {
                    if (ReceivedQuery.TryParse(message, overTcp: true) is not { } query)
                    {
                        continue;
                    }

                    _queries.Enqueue(query);
                    foreach (FakeReply reply in Script(query))
                    {
                        await client.SendAsync(DnsTcpFraming.Frame(reply.Message), SocketFlags.None, _stop.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or EndOfStreamException)
            {
                // Disposed, or the forwarder hung up.
            }
        }
    }
}
