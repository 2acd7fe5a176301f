using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;

namespace TwoPiR.Dns.Server;

/// <summary>
/// Binds UDP and TCP on every listen address when the host starts (so a bad address stops
/// start-up with a clear error) and serves until the host stops.
/// </summary>
internal sealed class DnsServerService : BackgroundService
{
    // With port 0, UDP picks a free port and TCP must get the same one; another program may hold it.
    private const int BindAttempts = 20;

    private readonly QueryHandler _handler;
    private readonly Forwarder _forwarder;
    private readonly UdpForwardQueue _forwards;
    private readonly DnsServerOptions _options;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<DnsServerService> _logger;
    private readonly List<UdpQueryListener> _udp = [];
    private readonly List<TcpQueryListener> _tcp = [];
    private TcpConnectionSlots? _slots;

    /// <summary>Creates the service.</summary>
    public DnsServerService(
        QueryHandler handler,
        Forwarder forwarder,
        UdpForwardQueue forwards,
        IOptions<DnsServerOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<DnsServerService> logger)
    {
        _handler = handler;
        _forwarder = forwarder;
        _forwards = forwards;
        _options = options.Value;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>The UDP addresses bound, ports resolved; empty until the host has started.</summary>
    public IReadOnlyList<IPEndPoint> UdpEndpoints => [.. _udp.Select(listener => listener.LocalEndPoint)];

    /// <summary>The TCP addresses bound, ports resolved; empty until the host has started.</summary>
    public IReadOnlyList<IPEndPoint> TcpEndpoints => [.. _tcp.Select(listener => listener.LocalEndPoint)];

    /// <summary>Binds every listen address, once; the host's start does it if nobody did before.</summary>
    /// <exception cref="ListenException">An address could not be bound; none stays bound.</exception>
    public void Bind()
    {
        if (_udp.Count > 0)
        {
            return;
        }

        _slots ??= new TcpConnectionSlots(OpenFileLimit.CapConnections(_options.MaxTcpConnections, _logger), _options.MaxTcpConnectionsPerClient);
        try
        {
            foreach (string listen in _options.EffectiveListen)
            {
                (UdpQueryListener udp, TcpQueryListener tcp) = BindBoth(AddressText.ParseEndpoint(listen));
                _udp.Add(udp);
                _tcp.Add(tcp);
            }
        }
        catch
        {
            CloseSockets();
            _udp.Clear();
            _tcp.Clear();
            throw;
        }
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Bind();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        CloseSockets();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int loops = _options.UdpReceiveLoops > 0 ? _options.UdpReceiveLoops : Environment.ProcessorCount;
        foreach ((UdpQueryListener udp, TcpQueryListener tcp) in _udp.Zip(_tcp))
        {
            DnsLog.Listening(_logger, "udp", udp.LocalEndPoint);
            DnsLog.Listening(_logger, "tcp", tcp.LocalEndPoint);
        }

        DnsLog.Ready(_logger, _udp.Count, loops);

        List<Task> serving = [.. _udp.Select(udp => udp.RunAsync(loops, _options.UdpBatchSize, stoppingToken)), .. _tcp.Select(tcp => tcp.RunAsync(stoppingToken))];
        try
        {
            Task first = await Task.WhenAny(serving);
            if (!stoppingToken.IsCancellationRequested)
            {
                // Listeners ride out socket errors; one that ends anyway leaves the server half deaf.
                // Better to stop with a failure status, so systemd restarts it whole.
                Exception? cause = first.Exception?.GetBaseException();
                DnsLog.ListenerStopped(_logger, cause);
                Environment.ExitCode = DnsExitCode.Failure;
                _lifetime.StopApplication();
            }

            await Task.WhenAll(serving);
        }
        finally
        {
            int open = _tcp.Sum(tcp => tcp.ConnectionCount);
            DnsLog.Stopped(_logger, open);
            CloseSockets();
        }
    }

    private (UdpQueryListener Udp, TcpQueryListener Tcp) BindBoth(IPEndPoint endpoint)
    {
        for (int attempt = 1; ; attempt++)
        {
            UdpQueryListener udp;
            try
            {
                udp = UdpQueryListener.Bind(endpoint, _handler, _forwards, _time, _logger);
            }
            catch (SocketException ex)
            {
                throw new ListenException("udp", endpoint, ex);
            }

            try
            {
                return (udp, TcpQueryListener.Bind(udp.LocalEndPoint, _handler, _forwarder, _slots!, _options, _time, _logger));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && endpoint.Port == 0 && attempt < BindAttempts)
            {
                udp.Dispose();
            }
            catch (SocketException ex)
            {
                udp.Dispose();
                throw new ListenException("tcp", udp.LocalEndPoint, ex);
            }
        }
    }

    private void CloseSockets()
    {
        _udp.ForEach(udp => udp.Dispose());
        _tcp.ForEach(tcp => tcp.Dispose());
    }
}
