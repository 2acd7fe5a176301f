using System.Globalization;
using TwoPiR.Probe;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>The check settings of <see cref="HealthZone.CheckedName"/>, and the time bounds they promise.</summary>
internal sealed record ProbeSettings
{
    /// <summary>
    /// Some leeway on top of a computed bound: dig's own run, polling every 100 ms, and timers
    /// firing late on a busy two-core machine.
    /// </summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    // The prober's pause between the attempts of one round (CheckPlan.RetryDelay).
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Short settings that keep the tests fast: a round every 200 ms of one 100 ms attempt, down after 2, up after 2, no jitter.</summary>
    public static ProbeSettings Fast { get; } = new();

    /// <summary>How often each address is checked.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Further attempts within a round.</summary>
    public int Retries { get; init; }

    /// <summary>Failed rounds in a row that make an address Unhealthy.</summary>
    public int Fall { get; init; } = 2;

    /// <summary>Passed rounds in a row that make an address Healthy.</summary>
    public int Rise { get; init; } = 2;

    /// <summary>The most a round is delayed at random.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;

    /// <summary>The answer when every address is down.</summary>
    public AllDownPolicy WhenAllDown { get; init; } = AllDownPolicy.ServeAll;

    /// <summary>The TTL cap; <see langword="null"/> leaves the default (Interval × Fall, rounded up to seconds).</summary>
    public TimeSpan? MaxTtl { get; init; }

    /// <summary>The longest one round may take: every attempt timing out, but never beyond the interval.</summary>
    public TimeSpan RoundLimit
    {
        get
        {
            TimeSpan attempts = (Timeout * (Retries + 1)) + (s_retryDelay * Retries);
            return attempts < Interval ? attempts : Interval;
        }
    }

    /// <summary>The bound from a node dying to its verdict: Fall × Interval + Jitter + one round.</summary>
    public TimeSpan WorstCaseDetection => (Interval * Fall) + Jitter + RoundLimit;

    /// <summary>The same bound for coming back: Rise × Interval + Jitter + one round.</summary>
    public TimeSpan WorstCaseRecovery => (Interval * Rise) + Jitter + RoundLimit;

    /// <summary>The configuration keys for these settings, checking port <paramref name="port"/>.</summary>
    public Dictionary<string, string?> ToConfiguration(int port)
    {
        const string Name = $"Probe:Names:{HealthZone.CheckedName}";
        Dictionary<string, string?> settings = new()
        {
            [$"{Name}:Port"] = port.ToString(CultureInfo.InvariantCulture),
            [$"{Name}:Interval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
            [$"{Name}:Timeout"] = Timeout.ToString("c", CultureInfo.InvariantCulture),
            [$"{Name}:Retries"] = Retries.ToString(CultureInfo.InvariantCulture),
            [$"{Name}:Fall"] = Fall.ToString(CultureInfo.InvariantCulture),
            [$"{Name}:Rise"] = Rise.ToString(CultureInfo.InvariantCulture),
            [$"{Name}:Jitter"] = Jitter.ToString("c", CultureInfo.InvariantCulture),
            [$"{Name}:WhenAllDown"] = WhenAllDown.ToString(),
        };
        if (MaxTtl is { } maxTtl)
        {
            settings[$"{Name}:MaxTtl"] = maxTtl.ToString("c", CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
