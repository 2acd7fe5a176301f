using System.Net;

namespace TwoPiR.Probe;

/// <summary>Where the addresses of the checked names come from: the DNS server tells the prober after every zone load.</summary>
public interface IProbeTargets
{
    /// <summary>
    /// Replaces the addresses of every checked name. New addresses start Unknown (or as last saved)
    /// and are probed; addresses no name holds any more stop being probed.
    /// </summary>
    /// <param name="addressesByName">For each name of <see cref="IHealthView.CheckedNames"/>, its A and AAAA addresses; a missing name has none.</param>
    public void SetAddresses(IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> addressesByName);
}
