using System.Net;

namespace TwoPiR.Probe;

/// <summary>The view while no name is health-checked: nothing has been looked at, so every address is Unknown.</summary>
internal sealed class UnmonitoredHealthView : IHealthView
{
    /// <inheritdoc />
    public HealthState StateOf(IPAddress address) => HealthState.Unknown;
}
