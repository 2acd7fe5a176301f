using System.Net;

namespace TwoPiR.Probe;

/// <summary>
/// The read-only health contract the DNS server consults for every address it is about to serve.
/// How health is measured stays behind this interface.
/// </summary>
/// <remarks>Called on the DNS answer path: implementations must be thread-safe, fast and allocation-free.</remarks>
public interface IHealthView
{
    /// <summary>The names whose addresses are checked, with how to answer for them; empty when nothing is checked.</summary>
    public IReadOnlyList<CheckedName> CheckedNames { get; }

    /// <summary>Returns the current state of <paramref name="address"/>; <see cref="HealthState.Unknown"/> when it is not checked.</summary>
    /// <param name="address">An address taken from a loaded zone's A or AAAA records.</param>
    /// <returns>The state the address is in now.</returns>
    public HealthState StateOf(IPAddress address);
}
