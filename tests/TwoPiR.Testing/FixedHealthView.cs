using System.Net;
using TwoPiR.Probe;

namespace TwoPiR.Testing;

/// <summary>A health view whose answers the test sets; every other address is Unknown.</summary>
public sealed class FixedHealthView : IHealthView
{
    private readonly Dictionary<IPAddress, HealthState> _states = [];
    private readonly List<CheckedName> _names = [];

    /// <inheritdoc />
    public IReadOnlyList<CheckedName> CheckedNames => _names;

    /// <summary>Makes <paramref name="name"/> health-checked, answered by <paramref name="whenAllDown"/> and with TTLs capped at <paramref name="maxTtlSeconds"/>.</summary>
    public FixedHealthView Checking(string name, AllDownPolicy whenAllDown = AllDownPolicy.ServeAll, int maxTtlSeconds = 4)
    {
        _names.Add(new CheckedName(name, whenAllDown, TimeSpan.FromSeconds(maxTtlSeconds), TimeSpan.FromSeconds(6)));
        return this;
    }

    /// <summary>Sets the state reported for <paramref name="address"/>.</summary>
    public FixedHealthView With(string address, HealthState state)
    {
        _states[IPAddress.Parse(address)] = state;
        return this;
    }

    /// <inheritdoc />
    public HealthState StateOf(IPAddress address) => _states.GetValueOrDefault(address, HealthState.Unknown);
}
