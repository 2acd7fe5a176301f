using System.Net;

namespace TwoPiR.Probe.Checks;

/// <summary>One attempt at seeing whether a node serves.</summary>
internal interface IHealthCheck
{
    /// <summary>Checks <paramref name="address"/> once. Failures are results, not exceptions; only cancellation throws.</summary>
    public Task<CheckResult> CheckAsync(IPAddress address, CancellationToken cancellationToken);
}
