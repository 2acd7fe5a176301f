using System.ComponentModel.DataAnnotations;

namespace TwoPiR.Dns;

/// <summary>Settings of the DNS server: section <c>Dns</c> of appsettings.json, <c>TWOPIR_Dns__*</c> variables, or the command line.</summary>
internal sealed class DnsServerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Dns";

    /// <summary>The largest <see cref="MaxUdpPayload"/>, which also sizes the UDP batch buffers.</summary>
    public const int MaxUdpPayloadLimit = 4096;

    /// <summary>The listen address used when none is configured.</summary>
    public const string DefaultListen = "127.0.0.1:5300";

    /// <summary>The folder of zone files, one <c>ORIGIN.zone</c> per zone (<c>--zones</c>).</summary>
    /// <value>Defaults to <c>zones</c>, relative to the current directory.</value>
    [Required]
    public string Zones { get; set; } = "zones";

    /// <summary>Addresses to serve UDP and TCP on, as <c>ADDRESS:PORT</c> or <c>[IPv6]:PORT</c> (<c>--listen</c>).</summary>
    /// <value>Defaults to <c>127.0.0.1:5300</c> when empty. Port 0 picks a free port.</value>
    public IList<string> Listen { get; } = [];

    /// <summary>Addresses or networks (CIDR) allowed to transfer zones with AXFR over TCP (<c>--allow-transfer</c>).</summary>
    /// <value>Defaults to none: every transfer is REFUSED.</value>
    public IList<string> AllowTransfer { get; } = [];

    /// <summary>The EDNS UDP payload size advertised, and the most a UDP response may use (RFC 6891 §6.2.5).</summary>
    /// <value>Defaults to 1232, the DNS Flag Day 2020 size that avoids IP fragmentation.</value>
    [Range(512, MaxUdpPayloadLimit)]
    public int MaxUdpPayload { get; set; } = 1232;

    /// <summary>How long a TCP connection may sit idle, or take to send one query, before it is closed (RFC 7766 §6.2.3).</summary>
    /// <value>Defaults to 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most TCP connections served at once; more are closed at once.</summary>
    /// <value>Defaults to 256.</value>
    [Range(1, 65535)]
    public int MaxTcpConnections { get; set; } = 256;

    /// <summary>The most TCP connections one client address may hold, so one client cannot take every slot.</summary>
    /// <value>Defaults to 16.</value>
    [Range(1, 65535)]
    public int MaxTcpConnectionsPerClient { get; set; } = 16;

    /// <summary>UDP error replies (FORMERR, NOTIMP, REFUSED, SERVFAIL) sent per second at most; 0 lifts the limit.</summary>
    /// <value>Defaults to 100.</value>
    [Range(0, 1_000_000)]
    public int ErrorRepliesPerSecond { get; set; } = 100;

    /// <summary>Concurrent receive loops per UDP socket; 0 means one per processor.</summary>
    /// <value>Defaults to 0.</value>
    [Range(0, 256)]
    public int UdpReceiveLoops { get; set; }

    /// <summary>Datagrams read and answered per system call on Linux (recvmmsg/sendmmsg); 1 reads them one at a time.</summary>
    /// <value>Defaults to 32.</value>
    [Range(1, 1024)]
    public int UdpBatchSize { get; set; } = 32;

    /// <summary>How long the zones folder must be quiet after a change before zones reload, so an editor's save is read whole.</summary>
    /// <value>Defaults to 300 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The listen addresses in effect: <see cref="Listen"/>, or the default.</summary>
    public IEnumerable<string> EffectiveListen => Listen.Count > 0 ? Listen : [DefaultListen];
}
