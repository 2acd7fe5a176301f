using System.Runtime.InteropServices;
using System.Text;

namespace TwoPiR.Probe.Status;

/// <summary>
/// A counter or gauge with one number per series: a sum of every measurement for
/// <see cref="System.Diagnostics.Metrics.Counter{T}"/>, or the value seen in the current scrape
/// for observable instruments.
/// </summary>
internal sealed class ValueFamily : MetricFamily
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _byLabels;
    private readonly bool _observed;

    /// <summary>Creates an empty family.</summary>
    /// <param name="name">The metric name as exported, suffixes included.</param>
    /// <param name="type">The <c># TYPE</c> word: <c>counter</c> or <c>gauge</c>.</param>
    /// <param name="help">The instrument's description, if any.</param>
    /// <param name="observed">
    /// <see langword="true"/> for observable instruments: each measurement replaces the value,
    /// and every scrape starts empty; <see langword="false"/> to sum measurements.
    /// </param>
    public ValueFamily(string name, string type, string? help, bool observed)
        : base(name, type, help)
    {
        _byLabels = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        _observed = observed;
    }

    /// <inheritdoc />
    public override void BeginScrape()
    {
        if (_observed)
        {
            lock (_lock)
            {
                _values.Clear(); // a series its callback no longer reports goes away
            }
        }
    }

    /// <inheritdoc />
    public override void CollectSeries(List<KeyValuePair<string, string>> series)
    {
        lock (_lock)
        {
            foreach ((string labels, double value) in _values)
            {
                StringBuilder text = new();
                PrometheusText.AppendSample(text, Name, labels, PrometheusText.FormatDouble(value));
                series.Add(new(labels, text.ToString()));
            }
        }
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<char> labels, double value)
    {
        lock (_lock)
        {
            ref double slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byLabels, labels, out _);
            slot = _observed ? value : slot + value;
        }
    }
}
