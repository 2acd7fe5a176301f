using System.ComponentModel.DataAnnotations;

namespace TwoPiR.Probe;

/// <summary>How the addresses of one health-checked name are checked, and how the name is answered.</summary>
public sealed class NameCheckOptions
{
    /// <summary>The kind of check.</summary>
    /// <value>Defaults to <see cref="CheckKind.Http"/>.</value>
    public CheckKind Check { get; set; } = CheckKind.Http;

    /// <summary>The port checked on every address.</summary>
    /// <value>Defaults to 80.</value>
    [Range(1, 65535)]
    public int Port { get; set; } = 80;

    /// <summary>The HTTP path requested.</summary>
    /// <value>Defaults to <c>/</c>.</value>
    public string Path { get; set; } = "/";

    /// <summary>The HTTP Host header, so the web server picks the right site (nginx's <c>server_name</c>).</summary>
    /// <value>Defaults to the checked name.</value>
    public string? Host { get; set; }

    /// <summary>The HTTP status codes that pass: codes and ranges, e.g. <c>200,204,300-399</c>.</summary>
    /// <value>Defaults to <c>200-399</c>.</value>
    public string Status { get; set; } = "200-399";

    /// <summary>A text the first 64 KiB of the HTTP body must contain.</summary>
    /// <value>Defaults to none.</value>
    public string? BodyContains { get; set; }

    /// <summary>How often each address is checked.</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many more attempts a failed attempt gets within the same round.</summary>
    /// <value>Defaults to 1.</value>
    [Range(0, 5)]
    public int Retries { get; set; } = 1;

    /// <summary>Consecutive failed rounds that mark an address Unhealthy.</summary>
    /// <value>Defaults to 2.</value>
    [Range(1, 100)]
    public int Fall { get; set; } = 2;

    /// <summary>Consecutive passed rounds that mark an address Healthy.</summary>
    /// <value>Defaults to 2.</value>
    [Range(1, 100)]
    public int Rise { get; set; } = 2;

    /// <summary>The most each round is delayed at random, so servers checking the same nodes do not march in step.</summary>
    /// <value>Defaults to 200 milliseconds.</value>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>What the name answers when none of its addresses may be served.</summary>
    /// <value>Defaults to <see cref="AllDownPolicy.ServeAll"/>.</value>
    public AllDownPolicy WhenAllDown { get; set; } = AllDownPolicy.ServeAll;

    /// <summary>The longest TTL the name's A and AAAA records are served with, so resolvers forget a dead node soon.</summary>
    /// <value>Defaults to <see cref="Interval"/> × <see cref="Fall"/>.</value>
    public TimeSpan? MaxTtl { get; set; }
}
