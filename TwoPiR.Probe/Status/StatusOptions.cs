namespace TwoPiR.Probe.Status;

/// <summary>Settings of the status endpoint, bound to the <c>Status</c> section.</summary>
public sealed class StatusOptions
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string SectionName = "Status";

    /// <summary>
    /// Where the status page, <c>/status</c>, <c>/metrics</c> and the drain API listen; empty turns
    /// them off. Anyone who can reach it can drain nodes, so keep it on loopback.
    /// </summary>
    /// <value>Defaults to <c>127.0.0.1:8053</c>.</value>
    public string Listen { get; set; } = "127.0.0.1:8053";
}
