using System.Globalization;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>The forwarding samples of one scrape of <c>/metrics</c> (Prometheus text); a series not exported yet reads 0.</summary>
internal sealed class ForwardingMetrics
{
    private const string Prefix = "twopir_dns_forward_";

    private readonly string[] _samples;

    private ForwardingMetrics(string[] samples) => _samples = samples;

    /// <summary><c>twopir_dns_forward_cache_hits_total</c>.</summary>
    public double Hits => Sum("twopir_dns_forward_cache_hits_total");

    /// <summary><c>twopir_dns_forward_cache_misses_total</c>.</summary>
    public double Misses => Sum("twopir_dns_forward_cache_misses_total");

    /// <summary><c>twopir_dns_forward_cache_evictions_total</c>.</summary>
    public double Evictions => Sum("twopir_dns_forward_cache_evictions_total");

    /// <summary><c>twopir_dns_forward_cache_entries</c>.</summary>
    public double Entries => Sum("twopir_dns_forward_cache_entries");

    /// <summary><c>twopir_dns_forward_dropped_total</c>.</summary>
    public double Dropped => Sum("twopir_dns_forward_dropped_total");

    /// <summary>Parses the text of a scrape.</summary>
    public static ForwardingMetrics Parse(string text) =>
        new([.. text.Split('\n').Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))]);

    /// <summary><c>twopir_dns_forward_upstream_tries_total{upstream, outcome}</c>; every outcome when <paramref name="outcome"/> is null.</summary>
    public double Tries(string upstream, string? outcome = null) =>
        Sum("twopir_dns_forward_upstream_tries_total", $"upstream=\"{upstream}\"", outcome is null ? null : $"outcome=\"{outcome}\"");

    /// <summary><c>twopir_dns_forward_upstream_discarded_total{upstream}</c>.</summary>
    public double Discarded(string upstream) => Sum("twopir_dns_forward_upstream_discarded_total", $"upstream=\"{upstream}\"");

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, _samples);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every label given.</summary>
    private double Sum(string name, params string?[] labels) =>
        _samples.Where(sample => NameOf(sample) == name && labels.All(label => label is null || LabelsOf(sample).Contains(label, StringComparison.Ordinal)))
            .Sum(Value);

    private static string NameOf(string sample) => sample[..sample.IndexOfAny(['{', ' '])];

    private static string LabelsOf(string sample) =>
        sample.IndexOf('{', StringComparison.Ordinal) is int open and >= 0 ? sample[open..(sample.LastIndexOf('}') + 1)] : string.Empty;

    /// <summary>A sample's value: the field after the name and labels (a timestamp may follow).</summary>
    private static double Value(string sample)
    {
        int labelsEnd = sample.LastIndexOf('}');
        string rest = labelsEnd >= 0 ? sample[(labelsEnd + 1)..] : sample[sample.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }
}
