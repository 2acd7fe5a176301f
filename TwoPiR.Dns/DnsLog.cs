using System.Net;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Answers;

namespace TwoPiR.Dns;

/// <summary>Every log message of the DNS server, event ids 1000-1999. Never reuse an id.</summary>
internal static partial class DnsLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Listening on {Transport} {Endpoint}")]
    public static partial void Listening(ILogger logger, string transport, IPEndPoint endpoint);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Stopped listening; {Connections} TCP connections were still open")]
    public static partial void Stopped(ILogger logger, int connections);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "UDP send to a client failed: {Reason}")]
    public static partial void UdpSendFailed(ILogger logger, System.Net.Sockets.SocketError reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "TCP connection limit reached ({Limit}); closed a new connection from {Client}, and {Suppressed} more since the last report")]
    public static partial void TcpConnectionLimit(ILogger logger, string limit, EndPoint? client, int suppressed);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "TCP connection from {Client} ended: {Reason}")]
    public static partial void TcpConnectionEnded(ILogger logger, EndPoint? client, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "UDP receive failed on {Endpoint}: {Reason} ({Suppressed} more since the last report); still listening")]
    public static partial void UdpReceiveFailed(ILogger logger, IPEndPoint endpoint, System.Net.Sockets.SocketError reason, int suppressed);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "UDP batch send failed for a reply: errno {Errno} ({Reason})")]
    public static partial void UdpBatchSendFailed(ILogger logger, int errno, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "UDP batch receive failed on {Endpoint}: errno {Errno} ({Reason}; {Suppressed} more since the last report); still listening")]
    public static partial void UdpBatchReceiveFailed(ILogger logger, IPEndPoint endpoint, int errno, string reason, int suppressed);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Ready: answering on {Addresses} addresses, {Loops} UDP receive loops each; SIGHUP reloads zones, SIGTERM stops")]
    public static partial void Ready(ILogger logger, int addresses, int loops);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Loaded zone {Zone} serial {Serial} ({Records} records) from {File}")]
    public static partial void ZoneLoaded(ILogger logger, string zone, uint serial, int records, string file);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ZoneWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Zone {Zone} not reloaded; still serving serial {Serial}: {Error}")]
    public static partial void ZoneKeptAfterError(ILogger logger, string zone, uint serial, string error);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "Zone file not loaded, nothing served from it: {Error}")]
    public static partial void ZoneNotLoaded(ILogger logger, string error);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Zone {Zone} removed: {File} is gone")]
    public static partial void ZoneRemoved(ILogger logger, string zone, string file);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Zone {Zone} changed but its serial stayed at {Serial}; secondaries will not notice: raise the serial")]
    public static partial void SerialNotIncreased(ILogger logger, string zone, uint serial);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information, Message = "SIGHUP: reloading every zone")]
    public static partial void ReloadSignal(ILogger logger);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Information, Message = "Serving {Count} zones from {Directory}")]
    public static partial void ZonesServing(ILogger logger, int count, string directory);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Warning, Message = "Watching {Directory} failed ({Reason}); reloading everything")]
    public static partial void WatcherFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Error, Message = "Zone reload failed: {Reason}")]
    public static partial void ReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "Answering a query failed; replied SERVFAIL")]
    public static partial void QueryFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "AXFR of {Zone} serial {Serial} ({Records} records) to {Client}")]
    public static partial void TransferStarted(ILogger logger, string zone, uint serial, int records, ClientAddress client);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "AXFR of {Zone} refused to {Client}: not in Dns:AllowTransfer ({Suppressed} more refused since the last report)")]
    public static partial void TransferRefused(ILogger logger, string zone, ClientAddress client, int suppressed);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Error, Message = "TCP accept failed on {Endpoint} ({Reason}); retrying in a second")]
    public static partial void TcpAcceptFailed(ILogger logger, IPEndPoint endpoint, System.Net.Sockets.SocketError reason);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Error, Message = "TCP connection from {Client} failed")]
    public static partial void TcpConnectionFailed(ILogger logger, EndPoint? client, Exception exception);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Warning, Message = "Dns:MaxTcpConnections is {Wanted}, but the open-file limit ({Limit}) leaves room for {Room}; serving at most {Room} (raise LimitNOFILE to allow more)")]
    public static partial void TcpConnectionsCapped(ILogger logger, int wanted, int room, int limit);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Critical, Message = "A listener stopped while the server was running; stopping so the service manager can restart it")]
    public static partial void ListenerStopped(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "{Name}: worst-case failover {Failover}s = detection {Detection}s + TTL {Ttl}s (zone TTL {ZoneTtl}s); when every address is down: {WhenAllDown}")]
    public static partial void WorstCaseFailover(ILogger logger, string name, double failover, double detection, uint ttl, uint zoneTtl, TwoPiR.Probe.AllDownPolicy whenAllDown);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "Every address of {Addresses} is down; serving them all (fail open), {Suppressed} more such answers since the last report")]
    public static partial void FailingOpen(ILogger logger, string addresses, int suppressed);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Forwarding names outside our zones to {Upstreams}, for clients in {Allowed}; caching up to {CacheEntries} answers")]
    public static partial void ForwardingOn(ILogger logger, IEnumerable<string> upstreams, IEnumerable<string> allowed, int cacheEntries);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning, Message = "Upstream {Upstream} keeps failing ({Reason}); skipping it for {Seconds}s")]
    public static partial void UpstreamSkipped(ILogger logger, IPEndPoint upstream, double seconds, string reason);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Information, Message = "Upstream {Upstream} answers again; no longer skipped")]
    public static partial void UpstreamResumed(ILogger logger, IPEndPoint upstream);

    [LoggerMessage(EventId = 1053, Level = LogLevel.Debug, Message = "Upstream {Upstream} failed: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, IPEndPoint upstream, string reason);

    [LoggerMessage(EventId = 1054, Level = LogLevel.Warning, Message = "None of the {Count} upstreams answered; replied SERVFAIL ({Suppressed} more since the last report)")]
    public static partial void ForwardFailed(ILogger logger, int count, int suppressed);

    [LoggerMessage(EventId = 1055, Level = LogLevel.Warning, Message = "Discarded a datagram from upstream {Upstream} that does not answer the question asked: late, or spoofed ({Suppressed} more since the last report)")]
    public static partial void UpstreamAnswerDiscarded(ILogger logger, IPEndPoint upstream, int suppressed);

    [LoggerMessage(EventId = 1056, Level = LogLevel.Warning, Message = "{Waiting} UDP queries already wait for upstreams (Forwarding:MaxInFlight); dropped one ({Suppressed} more since the last report)")]
    public static partial void ForwardQueueFull(ILogger logger, int waiting, int suppressed);

    [LoggerMessage(EventId = 1057, Level = LogLevel.Error, Message = "Forwarding a query failed; the client gets no answer and will retry")]
    public static partial void ForwardingFailed(ILogger logger, Exception exception);
}
