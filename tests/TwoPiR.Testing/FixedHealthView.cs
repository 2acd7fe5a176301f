using System.Net;
using TwoPiR.Probe;

namespace TwoPiR.Testing;

/// <summary>A health view whose answers the test sets; every other address is Unknown.</summary>
public sealed class FixedHealthView : IHealthView
{
    private readonly Dictionary<IPAddress, HealthState> _states = [];

    /// <summary>Sets the state reported for <paramref name="address"/>.</summary>
    public FixedHealthView With(string address, HealthState state)
    {
        _states[IPAddress.Parse(address)] = state;
        return this;
    }

    /// <inheritdoc />
    public HealthState StateOf(IPAddress address) => _states.GetValueOrDefault(address, HealthState.Unknown);
}
