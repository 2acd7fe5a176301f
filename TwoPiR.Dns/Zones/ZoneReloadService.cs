using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Zones;

/// <summary>
/// Loads the zones before the server starts listening, then reloads them when the zones folder
/// changes (after a quiet period, so a file is read once its writer is done) and on SIGHUP.
/// </summary>
internal sealed class ZoneReloadService : BackgroundService
{
    private readonly ZoneLoader _loader;
    private readonly ILogger<ZoneReloadService> _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _quietPeriod;
    private readonly Channel<bool> _requests = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private FileSystemWatcher? _watcher;
    private PosixSignalRegistration? _hangup;

    /// <summary>Creates the service.</summary>
    public ZoneReloadService(ZoneLoader loader, IOptions<DnsServerOptions> options, TimeProvider time, ILogger<ZoneReloadService> logger)
    {
        _loader = loader;
        _logger = logger;
        _time = time;
        _quietPeriod = options.Value.ReloadDelay;
    }

    /// <summary>Loads every zone, then starts watching for changes.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        int count = _loader.Reload(force: true);
        DnsLog.ZonesServing(_logger, count, _loader.Directory);
        _watcher = new FileSystemWatcher(_loader.Directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += OnWatcherError;
        _watcher.EnableRaisingEvents = true;
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Asks for a reload; <paramref name="force"/> re-reads zones whose files look unchanged too.</summary>
    public void RequestReload(bool force) => _requests.Writer.TryWrite(force);

    /// <inheritdoc />
    public override void Dispose()
    {
        _watcher?.Dispose();
        _hangup?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                bool force = false;
                do
                {
                    // Editors write in steps (truncate, write, rename): wait for the folder to go quiet.
                    await Task.Delay(_quietPeriod, _time, stoppingToken);
                    while (_requests.Reader.TryRead(out bool forced))
                    {
                        force |= forced;
                    }
                }
                while (_requests.Reader.TryPeek(out _));

                Reload(force);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private void Reload(bool force)
    {
        try
        {
            int count = _loader.Reload(force);
            DnsLog.ZonesServing(_logger, count, _loader.Directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder itself is unreadable or gone: keep serving what we have.
            DnsLog.ReloadFailed(_logger, ex.Message);
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => RequestReload(force: false);

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        DnsLog.WatcherFailed(_logger, _loader.Directory, e.GetException().Message);
        RequestReload(force: true);
    }

    private void OnHangup(PosixSignalContext context)
    {
        context.Cancel = true;
        DnsLog.ReloadSignal(_logger);
        RequestReload(force: true);
    }
}
