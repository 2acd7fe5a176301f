using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace TwoPiR.Probe.Status;

/// <summary>
/// A <see cref="System.Diagnostics.Metrics.Histogram{T}"/> as a Prometheus histogram: cumulative
/// <c>_bucket</c> lines with upper bounds <c>le</c>, then <c>_sum</c> and <c>_count</c>.
/// </summary>
internal sealed class HistogramFamily : MetricFamily
{
    // The Prometheus client libraries' defaults, in seconds like our latencies.
    private static readonly double[] s_defaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _lock = new();
    private readonly double[] _bounds;
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Series>.AlternateLookup<ReadOnlySpan<char>> _byLabels;

    /// <summary>Creates an empty histogram.</summary>
    /// <param name="name">The metric name as exported, without <c>_bucket</c>, <c>_sum</c> or <c>_count</c>.</param>
    /// <param name="help">The instrument's description, if any.</param>
    /// <param name="bounds">The advised bucket upper bounds, or <see langword="null"/> for the default set.</param>
    public HistogramFamily(string name, string? help, IReadOnlyList<double>? bounds)
        : base(name, "histogram", help)
    {
        _bounds = bounds is null ? s_defaultBounds : [.. bounds.Where(b => !double.IsNaN(b) && !double.IsPositiveInfinity(b)).Distinct().Order()];
        _byLabels = _series.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <inheritdoc />
    public override void CollectSeries(List<KeyValuePair<string, string>> series)
    {
        lock (_lock)
        {
            foreach ((string labels, Series one) in _series)
            {
                StringBuilder text = new();
                long cumulative = 0;
                for (int i = 0; i <= _bounds.Length; i++)
                {
                    cumulative += one.Counts[i];
                    string le = i < _bounds.Length ? PrometheusText.FormatDouble(_bounds[i]) : "+Inf";
                    string bucketLabels = labels.Length == 0 ? $"le=\"{le}\"" : $"{labels},le=\"{le}\"";
                    PrometheusText.AppendSample(text, Name + "_bucket", bucketLabels, cumulative.ToString(CultureInfo.InvariantCulture));
                }

                PrometheusText.AppendSample(text, Name + "_sum", labels, PrometheusText.FormatDouble(one.Sum));
                PrometheusText.AppendSample(text, Name + "_count", labels, cumulative.ToString(CultureInfo.InvariantCulture));
                series.Add(new(labels, text.ToString()));
            }
        }
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<char> labels, double value)
    {
        // A bucket counts values up to and including its bound; NaN fits none but +Inf.
        int bucket = double.IsNaN(value) ? _bounds.Length : Array.BinarySearch(_bounds, value);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }

        lock (_lock)
        {
            ref Series? series = ref CollectionsMarshal.GetValueRefOrAddDefault(_byLabels, labels, out _);
            series ??= new Series(_bounds.Length + 1);
            series.Counts[bucket]++;
            series.Sum += value;
        }
    }

    /// <summary>One label set's counts per bucket (not cumulative; the last is above every bound) and sum.</summary>
    private sealed class Series(int buckets)
    {
        public long[] Counts { get; } = new long[buckets];

        public double Sum { get; set; }
    }
}
