using System.Buffers;

namespace TwoPiR.Probe.Status;

/// <summary>
/// The series of one instrument, kept for <see cref="PrometheusExporter"/>: measurements arrive
/// through <see cref="Record"/> on any thread; <see cref="CollectSeries"/> reads them at scrape time.
/// </summary>
/// <param name="name">The metric name as exported, suffixes included.</param>
/// <param name="type">The <c># TYPE</c> word: <c>counter</c>, <c>gauge</c> or <c>histogram</c>.</param>
/// <param name="help">The instrument's description, if any.</param>
internal abstract class MetricFamily(string name, string type, string? help)
{
    // 256 chars = 512 bytes, the stackalloc bound of STYLE.md §4; longer label sets use the pool.
    private const int StackLabelChars = 256;

    /// <summary>The metric name as exported, suffixes included.</summary>
    public string Name { get; } = name;

    /// <summary>The <c># TYPE</c> word: <c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; } = type;

    /// <summary>The instrument's description, if any.</summary>
    public string? Help { get; } = help;

    /// <summary>Adds one measurement to the series its tags name. Allocates only for a new series.</summary>
    public void Record(double value, scoped ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Span<char> stack = stackalloc char[StackLabelChars];
        char[]? rented = null;
        try
        {
            Update(PrometheusText.WriteLabels(tags, stack, ref rented), value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Called before observable instruments are collected for a scrape.</summary>
    public virtual void BeginScrape()
    {
    }

    /// <summary>Adds each series as (label text, sample lines) to <paramref name="series"/>.</summary>
    public abstract void CollectSeries(List<KeyValuePair<string, string>> series);

    /// <summary>Applies <paramref name="value"/> to the series with label text <paramref name="labels"/>.</summary>
    protected abstract void Update(ReadOnlySpan<char> labels, double value);
}
