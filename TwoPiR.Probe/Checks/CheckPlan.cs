using System.Net;

namespace TwoPiR.Probe.Checks;

/// <summary>One name's check, resolved from settings: what to send, how often, and when to change state.</summary>
internal sealed record CheckPlan(
    CheckKind Kind,
    int Port,
    string Path,
    string Host,
    StatusCodeSet Status,
    string? BodyContains,
    TimeSpan Interval,
    TimeSpan Timeout,
    int Retries,
    int Fall,
    int Rise,
    TimeSpan Jitter)
{
    /// <summary>The pause between attempts of one round.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest a round takes: every attempt timing out, but never beyond the interval.</summary>
    public TimeSpan RoundLimit
    {
        get
        {
            TimeSpan allAttempts = (Timeout * (Retries + 1)) + (RetryDelay * Retries);
            return allAttempts < Interval ? allAttempts : Interval;
        }
    }

    /// <summary>
    /// The longest time from a node dying to its Unhealthy verdict: <see cref="Fall"/> failed rounds,
    /// each starting up to a period after the one before (the interval, or jitter plus a round that
    /// ran to its limit, if longer), the last one taking up to its jitter and <see cref="RoundLimit"/>.
    /// </summary>
    public TimeSpan WorstCaseDetection
    {
        get
        {
            TimeSpan period = Jitter + RoundLimit > Interval ? Jitter + RoundLimit : Interval;
            return (period * Fall) + Jitter + RoundLimit;
        }
    }

    /// <summary>Resolves <paramref name="options"/> for <paramref name="name"/>; the options must have passed validation.</summary>
    public static CheckPlan From(string name, NameCheckOptions options)
    {
        if (!StatusCodeSet.TryParse(options.Status, out StatusCodeSet status, out string error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        return new CheckPlan(
            options.Check,
            options.Port,
            options.Path,
            string.IsNullOrEmpty(options.Host) ? name : options.Host,
            status,
            string.IsNullOrEmpty(options.BodyContains) ? null : options.BodyContains,
            options.Interval,
            options.Timeout,
            options.Retries,
            options.Fall,
            options.Rise,
            options.Jitter);
    }

    /// <summary>What is checked, with <c>{address}</c> standing for each address.</summary>
    public string DescribeForAnyAddress() => Describe("{address}:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>What is checked at <paramref name="address"/>, for logs and the status page.</summary>
    public string Describe(IPAddress address) => Describe(new IPEndPoint(address, Port).ToString());

    private string Describe(string endpoint)
    {
        return Kind == CheckKind.Tcp
            ? $"TCP connect to {endpoint}"
            : $"HTTP GET http://{endpoint}{Path} Host {Host}, status {Status}" + (BodyContains is null ? "" : $", body has '{BodyContains}'");
    }
}
