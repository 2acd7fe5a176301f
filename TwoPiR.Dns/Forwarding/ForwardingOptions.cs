using System.ComponentModel.DataAnnotations;

namespace TwoPiR.Dns.Forwarding;

/// <summary>
/// Forwarding of names outside our zones to upstream resolvers: section <c>Forwarding</c>,
/// <c>TWOPIR_Forwarding__*</c> variables, or <c>--forward</c> and <c>--allow-recursion</c>.
/// </summary>
internal sealed class ForwardingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Forwarding";

    /// <summary>
    /// Who may have queries forwarded when <see cref="AllowRecursion"/> is empty: loopback, the
    /// RFC 1918 and RFC 4193 private ranges, and link-local. Never the whole internet: an open
    /// resolver answers spoofed queries with larger answers and becomes a DDoS amplifier.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultAllowRecursion =
    [
        "127.0.0.0/8", "::1/128",
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7",
        "169.254.0.0/16", "fe80::/10",
    ];

    /// <summary>Upstream resolvers, as <c>ADDRESS</c> or <c>ADDRESS:PORT</c> (<c>[IPv6]:PORT</c>), tried in order (<c>--forward</c>).</summary>
    /// <value>Defaults to none: forwarding is off and names outside our zones get REFUSED.</value>
    public IList<string> Upstreams { get; } = [];

    /// <summary>Client addresses or networks whose queries may be forwarded (<c>--allow-recursion</c>).</summary>
    /// <value>Defaults to <see cref="DefaultAllowRecursion"/> when empty.</value>
    public IList<string> AllowRecursion { get; } = [];

    /// <summary>How long one upstream has to answer before the next is tried.</summary>
    /// <value>Defaults to 1.5 seconds: two upstreams fit inside a stub resolver's first 5-second try.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// An upstream tried at least this many times within 10 seconds, half of the tries or more failing
    /// (timeouts, unreachable, malformed answers), is skipped. Polly's breaker judges a failure ratio
    /// over a minimum of tries, so a busy upstream that fails now and then is not skipped.
    /// </summary>
    /// <value>Defaults to 3.</value>
    [Range(2, 1000)]
    public int SkipAfterFailures { get; set; } = 3;

    /// <summary>How long a failing upstream is skipped before one query tries it again.</summary>
    /// <value>Defaults to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SkipFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most answers cached; the least recently used goes first. 0 turns the cache off.</summary>
    /// <value>Defaults to 10,000 (at most about 40 MiB: answers over <see cref="ForwardCache.MaxMessageSize"/> octets are not cached).</value>
    [Range(0, 10_000_000)]
    public int CacheEntries { get; set; } = 10_000;

    /// <summary>The longest a positive answer is cached, whatever its TTL.</summary>
    /// <value>Defaults to one day.</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxCacheTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest an NXDOMAIN or NODATA answer is cached (RFC 2308 §5 suggests one to three hours).</summary>
    /// <value>Defaults to one hour.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxNegativeTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most UDP queries waiting for an upstream at once; more are dropped, and their clients retry.</summary>
    /// <value>Defaults to 256.</value>
    [Range(1, 65535)]
    public int MaxInFlight { get; set; } = 256;

    /// <summary>Whether any upstream is configured.</summary>
    public bool Enabled => Upstreams.Count > 0;

    /// <summary>The client networks in effect: <see cref="AllowRecursion"/>, or the defaults.</summary>
    public IEnumerable<string> EffectiveAllowRecursion => AllowRecursion.Count > 0 ? AllowRecursion : DefaultAllowRecursion;
}
