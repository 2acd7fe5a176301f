using System.Collections.Frozen;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Health;

/// <summary>
/// The A and AAAA RRsets of the health-checked names in the zones being served, each with its
/// policy. Keyed by RRset instance, so the answer path finds a policy without touching the name;
/// rebuilt on every zone load.
/// </summary>
internal sealed class CheckedRRsets
{
    private FrozenDictionary<RRset, HealthPolicy> _policies = FrozenDictionary<RRset, HealthPolicy>.Empty;

    /// <summary>Returns the policy of <paramref name="rrset"/>, or <see langword="null"/> when its name is not checked.</summary>
    public HealthPolicy? Find(RRset rrset)
    {
        FrozenDictionary<RRset, HealthPolicy> policies = Volatile.Read(ref _policies);
        return policies.Count != 0 && policies.TryGetValue(rrset, out HealthPolicy? policy) ? policy : null;
    }

    /// <summary>Replaces the index.</summary>
    public void Replace(IReadOnlyDictionary<RRset, HealthPolicy> policies) =>
        Volatile.Write(ref _policies, policies.ToFrozenDictionary(ReferenceEqualityComparer.Instance));
}
