using System.Diagnostics.Metrics;
using System.Text;

namespace TwoPiR.Probe.Status;

/// <summary>
/// Renders the <c>TwoPiR.*</c> meters of this host in the Prometheus text format 0.0.4.
/// </summary>
/// <remarks>
/// Only meters created by this host's <see cref="IMeterFactory"/> are exported: several hosts may
/// share one process (the tests run many), and each one's <c>/metrics</c> shows its own. Supported:
/// <see cref="Counter{T}"/> of <see cref="long"/> or <see cref="double"/> and
/// <see cref="ObservableCounter{T}"/> of <see cref="long"/> (counters, <c>_total</c>),
/// <see cref="UpDownCounter{T}"/> of <see cref="long"/> and <see cref="ObservableGauge{T}"/> of
/// <see cref="int"/>, <see cref="long"/> or <see cref="double"/> (gauges), and
/// <see cref="Histogram{T}"/> of <see cref="double"/> (histograms, with the instrument's advised buckets).
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    private const string MeterPrefix = "TwoPiR.";

    private readonly IMeterFactory _meters;
    private readonly MeterListener _listener = new();
    private readonly Lock _familiesLock = new();
    private readonly List<MetricFamily> _families = [];
    private readonly Lock _renderLock = new();

    /// <summary>Starts listening to the instruments of the meters <paramref name="meters"/> creates.</summary>
    public PrometheusExporter(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meters = meters;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;

        // Hot path: these run on whichever thread records, so they are static and allocate nothing.
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start(); // publishes the instruments that exist already, too
    }

    /// <summary>Renders every exported instrument's current values, families sorted by name, series by labels.</summary>
    public string Render()
    {
        lock (_renderLock) // observable instruments are collected into shared state: one scrape at a time
        {
            MetricFamily[] families;
            lock (_familiesLock)
            {
                families = [.. _families];
            }

            StringBuilder text = new();
            foreach (MetricFamily family in families)
            {
                family.BeginScrape();
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException ex)
            {
                // MeterListener runs every callback, then throws what some threw: serve the series that were observed.
                text.Append("# ").Append(ex.InnerExceptions.Count).Append(" observable instrument callback(s) failed; their series are missing\n");
            }

            foreach (IGrouping<string, MetricFamily> group in families.GroupBy(f => f.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                AppendFamily(text, group);
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    // Instruments of one name (from two meters, say) form one family: HELP and TYPE once, then every series.
    private static void AppendFamily(StringBuilder text, IGrouping<string, MetricFamily> group)
    {
        List<KeyValuePair<string, string>> series = [];
        foreach (MetricFamily family in group)
        {
            family.CollectSeries(series);
        }

        if (series.Count == 0)
        {
            return;
        }

        MetricFamily first = group.First();
        string? help = group.Select(f => f.Help).FirstOrDefault(h => !string.IsNullOrEmpty(h));
        if (help is not null)
        {
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(PrometheusText.EscapeHelp(help)).Append('\n');
        }

        text.Append("# TYPE ").Append(group.Key).Append(' ').Append(first.Type).Append('\n');
        foreach (KeyValuePair<string, string> one in series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(one.Value);
        }
    }

    private static MetricFamily? CreateFamily(Instrument instrument)
    {
        string name = PrometheusText.MetricName(instrument.Name, instrument.Unit);
        string? help = instrument.Description;
        return instrument switch
        {
            Counter<long> or Counter<double> => new ValueFamily(PrometheusText.CounterName(name), "counter", help, observed: false),
            ObservableCounter<long> => new ValueFamily(PrometheusText.CounterName(name), "counter", help, observed: true),
            UpDownCounter<long> => new ValueFamily(name, "gauge", help, observed: false),
            ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double> => new ValueFamily(name, "gauge", help, observed: true),
            Histogram<double> histogram => new HistogramFamily(name, help, histogram.Advice?.HistogramBucketBoundaries),
            _ => null,
        };
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        // IMeterFactory.Create sets the meter's Scope to the factory: that is how we know it is this host's.
        if (!ReferenceEquals(instrument.Meter.Scope, _meters) || !instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (CreateFamily(instrument) is not { } family)
        {
            return;
        }

        lock (_familiesLock)
        {
            _families.Add(family);
        }

        listener.EnableMeasurementEvents(instrument, family);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is MetricFamily family)
        {
            lock (_familiesLock)
            {
                _families.Remove(family); // its meter was disposed: its series are stale
            }
        }
    }
}
