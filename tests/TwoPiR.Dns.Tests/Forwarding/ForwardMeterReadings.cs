using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TwoPiR.Dns.Forwarding;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>
/// A <see cref="ForwardMetrics"/> on a meter factory of its own, and the totals it has counted:
/// other tests' instruments live on other factories, so their counts never mix in.
/// </summary>
internal sealed class ForwardMeterReadings : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public ForwardMeterReadings()
    {
        IMeterFactory meters = _services.GetRequiredService<IMeterFactory>();
        Metrics = new ForwardMetrics(meters);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        // An observable counter reports its running total; a counter reports each increment.
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument is ObservableCounter<long>)
            {
                _totals[instrument.Name] = value;
            }
            else
            {
                Add(instrument.Name, value, tags);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _totals[instrument.Name] = value);
        _listener.Start();
    }

    /// <summary>The metrics to hand to the code under test.</summary>
    public ForwardMetrics Metrics { get; }

    /// <summary>The total of a counter, such as <c>twopir.dns.forward.cache.hits</c>, optionally for one outcome tag only.</summary>
    public long Total(string instrument, string? outcome = null)
    {
        _listener.RecordObservableInstruments();
        return _totals.GetValueOrDefault(outcome is null ? instrument : $"{instrument}|{outcome}");
    }

    /// <summary>The value a gauge reports now, such as <c>twopir.dns.forward.cache.entries</c>.</summary>
    public long Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _totals.GetValueOrDefault(instrument);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Add(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _totals.AddOrUpdate(instrument, value, (_, total) => total + value);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "outcome")
            {
                _totals.AddOrUpdate($"{instrument}|{tag.Value}", value, (_, total) => total + value);
            }
        }
    }
}
