using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TwoPiR.Probe.Status;

namespace TwoPiR.Probe.Tests.Status;

public sealed class PrometheusExporterTests
{
    private ServiceProvider _services = null!;
    private PrometheusExporter _exporter = null!;

    // Owned, and disposed, by _services.
    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _exporter = new PrometheusExporter(Meters);
    }

    [TearDown]
    public void TearDown()
    {
        _exporter.Dispose();
        _services.Dispose();
    }

    [Test]
    public void Render_NoMeters_ReturnsEmptyText()
    {
        Assert.That(_exporter.Render(), Is.EqualTo(""));
    }

    [Test]
    public void Render_CounterWithTwoTagSets_SumsEachSeries()
    {
        Counter<long> rounds = Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.probe.rounds", unit: null, "Probe rounds by address and result");

        rounds.Add(1, Tag("address", "192.0.2.1"), Tag("result", "pass"));
        rounds.Add(2, Tag("address", "192.0.2.2"), Tag("result", "fail"));
        rounds.Add(3, Tag("result", "pass"), Tag("address", "192.0.2.1")); // same series, tags in another order

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # HELP twopir_probe_rounds_total Probe rounds by address and result
            # TYPE twopir_probe_rounds_total counter
            twopir_probe_rounds_total{address="192.0.2.1",result="pass"} 4
            twopir_probe_rounds_total{address="192.0.2.2",result="fail"} 2

            """));
    }

    [Test]
    public void Render_CounterWithoutTagsOrDescription_WritesNoBracesAndNoHelp()
    {
        Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.queries").Add(7);

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # TYPE twopir_queries_total counter
            twopir_queries_total 7

            """));
    }

    [Test]
    public void Render_ObservableGauge_ShowsOnlyThisScrapesValues()
    {
        string[] addresses = ["192.0.2.1", "192.0.2.2"];
        Meters.Create("TwoPiR.Test").CreateObservableGauge(
            "twopir.node.state", () => addresses.Select(a => new Measurement<int>(1, Tag("address", a))), unit: null, "1 for the state");

        string first = _exporter.Render();
        addresses = ["192.0.2.2"];
        string second = _exporter.Render();

        Assert.That(first, Is.EqualTo("""
            # HELP twopir_node_state 1 for the state
            # TYPE twopir_node_state gauge
            twopir_node_state{address="192.0.2.1"} 1
            twopir_node_state{address="192.0.2.2"} 1

            """));
        Assert.That(second, Is.EqualTo("""
            # HELP twopir_node_state 1 for the state
            # TYPE twopir_node_state gauge
            twopir_node_state{address="192.0.2.2"} 1

            """));
    }

    [Test]
    public void Render_ObservableCounter_WritesTotal()
    {
        Meters.Create("TwoPiR.Test").CreateObservableCounter("twopir.reloads", () => 3L, unit: null, "Zone reloads");

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # HELP twopir_reloads_total Zone reloads
            # TYPE twopir_reloads_total counter
            twopir_reloads_total 3

            """));
    }

    [TestCase(0.25, "0.25")]
    [TestCase(1e-7, "1E-07")]
    [TestCase(123456789.0, "123456789")]
    [TestCase(double.PositiveInfinity, "+Inf")]
    [TestCase(double.NegativeInfinity, "-Inf")]
    [TestCase(double.NaN, "NaN")]
    public void Render_DoubleGauge_SpellsValueAsPrometheusDoes(double value, string expected)
    {
        Meters.Create("TwoPiR.Test").CreateObservableGauge("twopir.ratio", () => value);

        Assert.That(_exporter.Render(), Is.EqualTo($"# TYPE twopir_ratio gauge\ntwopir_ratio {expected}\n"));
    }

    [Test]
    public void Render_HistogramWithAdvice_WritesCumulativeBucketsSumAndCount()
    {
        Histogram<double> latency = Meters.Create("TwoPiR.Test").CreateHistogram<double>(
            "twopir.probe.latency", "s", "How long probe rounds took", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 0.25, 1] });

        // Binary fractions, so the sum is exact; 0.125 sits on a bound, which counts it (le: less or equal).
        foreach (double seconds in new[] { 0.0625, 0.125, 0.1875, 0.5, 0.5, 3 })
        {
            latency.Record(seconds, Tag("address", "192.0.2.1"));
        }

        latency.Record(0.75, Tag("address", "192.0.2.2"));

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # HELP twopir_probe_latency_seconds How long probe rounds took
            # TYPE twopir_probe_latency_seconds histogram
            twopir_probe_latency_seconds_bucket{address="192.0.2.1",le="0.125"} 2
            twopir_probe_latency_seconds_bucket{address="192.0.2.1",le="0.25"} 3
            twopir_probe_latency_seconds_bucket{address="192.0.2.1",le="1"} 5
            twopir_probe_latency_seconds_bucket{address="192.0.2.1",le="+Inf"} 6
            twopir_probe_latency_seconds_sum{address="192.0.2.1"} 4.375
            twopir_probe_latency_seconds_count{address="192.0.2.1"} 6
            twopir_probe_latency_seconds_bucket{address="192.0.2.2",le="0.125"} 0
            twopir_probe_latency_seconds_bucket{address="192.0.2.2",le="0.25"} 0
            twopir_probe_latency_seconds_bucket{address="192.0.2.2",le="1"} 1
            twopir_probe_latency_seconds_bucket{address="192.0.2.2",le="+Inf"} 1
            twopir_probe_latency_seconds_sum{address="192.0.2.2"} 0.75
            twopir_probe_latency_seconds_count{address="192.0.2.2"} 1

            """));
    }

    [Test]
    public void Render_HistogramWithoutAdviceOrTags_UsesDefaultBuckets()
    {
        Meters.Create("TwoPiR.Test").CreateHistogram<double>("twopir.wait").Record(0.3);

        string[] lines = _exporter.Render().Split('\n');

        Assert.That(lines[1..], Is.EqualTo(new[]
        {
            "twopir_wait_bucket{le=\"0.005\"} 0",
            "twopir_wait_bucket{le=\"0.01\"} 0",
            "twopir_wait_bucket{le=\"0.025\"} 0",
            "twopir_wait_bucket{le=\"0.05\"} 0",
            "twopir_wait_bucket{le=\"0.1\"} 0",
            "twopir_wait_bucket{le=\"0.25\"} 0",
            "twopir_wait_bucket{le=\"0.5\"} 1",
            "twopir_wait_bucket{le=\"1\"} 1",
            "twopir_wait_bucket{le=\"2.5\"} 1",
            "twopir_wait_bucket{le=\"5\"} 1",
            "twopir_wait_bucket{le=\"10\"} 1",
            "twopir_wait_bucket{le=\"+Inf\"} 1",
            "twopir_wait_sum 0.3",
            "twopir_wait_count 1",
            "",
        }));
    }

    [TestCase("twopir.probe.latency", "s", "twopir_probe_latency_seconds")]
    [TestCase("twopir.busy_seconds", "s", "twopir_busy_seconds")]
    [TestCase("twopir.dns-answer.size", "By", "twopir_dns_answer_size")]
    [TestCase("twopir.probe.latency", null, "twopir_probe_latency")]
    public void Render_GaugeUnit_NamesMetric(string instrument, string? unit, string expected)
    {
        Meters.Create("TwoPiR.Test").CreateObservableGauge(instrument, () => 1, unit);

        Assert.That(_exporter.Render(), Is.EqualTo($"# TYPE {expected} gauge\n{expected} 1\n"));
    }

    [Test]
    public void Render_CounterInSeconds_EndsInSecondsTotal()
    {
        Meters.Create("TwoPiR.Test").CreateCounter<double>("twopir.busy", "s").Add(1.5);

        Assert.That(_exporter.Render(), Is.EqualTo("# TYPE twopir_busy_seconds_total counter\ntwopir_busy_seconds_total 1.5\n"));
    }

    [Test]
    public void Render_LabelValueWithQuoteBackslashAndNewline_EscapesThem()
    {
        Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.errors").Add(1, Tag("detail", "say \"hi\"\\\nbye"));

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # TYPE twopir_errors_total counter
            twopir_errors_total{detail="say \"hi\"\\\nbye"} 1

            """));
    }

    [Test]
    public void Render_OddTagNamesAndValues_SanitizesNamesAndFormatsValuesInvariantly()
    {
        Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.answers").Add(
            1, Tag("dns.rcode-name", 3), Tag("2xx", 42L), Tag("ratio", 0.5), Tag("tc", true), Tag("none", null));

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # TYPE twopir_answers_total counter
            twopir_answers_total{_2xx="42",dns_rcode_name="3",none="",ratio="0.5",tc="true"} 1

            """));
    }

    [Test]
    public void Render_LongLabelSet_FallsBackToPooledBuffer()
    {
        string value = new('x', 1000);
        Counter<long> counter = Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.long");

        counter.Add(1, Tag("a", value));
        counter.Add(1, Tag("a", value));

        Assert.That(_exporter.Render(), Is.EqualTo($"# TYPE twopir_long_total counter\ntwopir_long_total{{a=\"{value}\"}} 2\n"));
    }

    [Test]
    public void Render_HelpWithBackslashAndNewline_EscapesThem()
    {
        Meters.Create("TwoPiR.Test").CreateObservableGauge("twopir.g", () => 1, unit: null, "a\\b\nc \"d\"");

        Assert.That(_exporter.Render(), Is.EqualTo("# HELP twopir_g a\\\\b\\nc \"d\"\n# TYPE twopir_g gauge\ntwopir_g 1\n"));
    }

    [Test]
    public void Render_MeterFromAnotherFactory_IsNotExported()
    {
        using ServiceProvider other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        other.GetRequiredService<IMeterFactory>().Create("TwoPiR.Test").CreateCounter<long>("twopir.other").Add(1);
        using Meter unscoped = new("TwoPiR.Test");
        unscoped.CreateCounter<long>("twopir.unscoped").Add(1);
        Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.mine").Add(1);

        Assert.That(_exporter.Render(), Is.EqualTo("# TYPE twopir_mine_total counter\ntwopir_mine_total 1\n"));
    }

    [TestCase("Other.Test")]
    [TestCase("TwoPiR")]
    [TestCase("twopir.Test")]
    public void Render_MeterNotNamedTwoPiRDot_IsNotExported(string meterName)
    {
        Meters.Create(meterName).CreateCounter<long>("twopir.rounds").Add(1);

        Assert.That(_exporter.Render(), Is.EqualTo(""));
    }

    [Test]
    public void Render_InstrumentsCreatedBeforeTheExporter_AreExported()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory meters = services.GetRequiredService<IMeterFactory>();
        Counter<long> early = meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.early");
        using PrometheusExporter exporter = new(meters);

        early.Add(5);

        Assert.That(exporter.Render(), Is.EqualTo("# TYPE twopir_early_total counter\ntwopir_early_total 5\n"));
    }

    [Test]
    public void Render_TwoMetersWithOneMetricName_WritesHelpAndTypeOnce()
    {
        Meters.Create("TwoPiR.B").CreateCounter<long>("twopir.queries", unit: null, "Queries").Add(2, Tag("server", "b"));
        Meters.Create("TwoPiR.A").CreateCounter<long>("twopir.queries", unit: null, "Queries").Add(1, Tag("server", "a"));
        Meters.Create("TwoPiR.A").CreateObservableGauge("twopir.zones", () => 3, unit: null, "Zones");

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # HELP twopir_queries_total Queries
            # TYPE twopir_queries_total counter
            twopir_queries_total{server="a"} 1
            twopir_queries_total{server="b"} 2
            # HELP twopir_zones Zones
            # TYPE twopir_zones gauge
            twopir_zones 3

            """));
    }

    [Test]
    public void Render_ObservableCallbackThrows_WritesTheOtherSeries()
    {
        Meter meter = Meters.Create("TwoPiR.Test");
        meter.CreateObservableGauge("twopir.broken", new Func<int>(() => throw new InvalidOperationException("broken")));
        meter.CreateObservableGauge("twopir.fine", () => 1);

        Assert.That(_exporter.Render(), Is.EqualTo("""
            # 1 observable instrument callback(s) failed; their series are missing
            # TYPE twopir_fine gauge
            twopir_fine 1

            """));
    }

    [Test]
    public void Render_MeterFactoryDisposed_DropsItsSeries()
    {
        ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory meters = services.GetRequiredService<IMeterFactory>();
        using PrometheusExporter exporter = new(meters);
        meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.gone").Add(1);

        services.Dispose(); // Meter.Dispose() is a no-op for a factory's meters: the factory disposes them

        Assert.That(exporter.Render(), Is.EqualTo(""));
    }

    [Test]
    public void Render_ConcurrentAdds_CountsEveryOne()
    {
        const int Threads = 8, AddsPerThread = 20_000;
        Counter<long> counter = Meters.Create("TwoPiR.Test").CreateCounter<long>("twopir.hits");

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int i = 0; i < AddsPerThread; i++)
            {
                counter.Add(1, Tag("kind", i % 2 == 0 ? "even" : "odd"));
                if (thread == 0 && i % 1000 == 0)
                {
                    _exporter.Render(); // scrapes race the adds, too
                }
            }
        });

        Assert.That(_exporter.Render(), Is.EqualTo($$"""
            # TYPE twopir_hits_total counter
            twopir_hits_total{kind="even"} {{Threads * AddsPerThread / 2}}
            twopir_hits_total{kind="odd"} {{Threads * AddsPerThread / 2}}

            """));
    }

    [Test]
    public void Record_WarmCounterAndHistogram_AllocatesNothing()
    {
        Meter meter = Meters.Create("TwoPiR.Test");
        Counter<long> counter = meter.CreateCounter<long>("twopir.rounds");
        Histogram<double> histogram = meter.CreateHistogram<double>("twopir.latency", "s");
        object code = 3; // boxed once here, as a caller would keep it
        KeyValuePair<string, object?> address = Tag("address", "192.0.2.1"), result = Tag("result", "pass"), rcode = Tag("rcode", code);
        counter.Add(1, result, address, rcode);
        histogram.Record(0.1, address);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            counter.Add(1, result, address, rcode); // unsorted on purpose: the pooled sort must not allocate either
            histogram.Record(0.1, address);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.EqualTo(0));
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
