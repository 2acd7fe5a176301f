using System.Diagnostics.Metrics;

namespace TwoPiR.Probe.Status;

/// <summary>Renders the <c>TwoPiR.*</c> meters of this host in the Prometheus text format.</summary>
internal sealed class PrometheusExporter(IMeterFactory meters) : IDisposable
{
    /// <summary>Renders every instrument's current values.</summary>
    public string Render() => throw new NotImplementedException(meters.ToString());

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
