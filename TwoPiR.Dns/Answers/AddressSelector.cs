using System.Collections.Immutable;
using System.Net;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// Decides which records of an RRset go into a response, and in what order: every record in a
/// fresh uniformly random order, leaving out addresses the health view reports down.
/// </summary>
internal sealed class AddressSelector(IHealthView health)
{
    /// <summary>Writes the indexes of the records to serve into <paramref name="order"/>, shuffled.</summary>
    /// <param name="rrset">The shared zone RRset; it is never modified.</param>
    /// <param name="order">At least <see cref="RRset.Count"/> entries.</param>
    /// <returns>How many entries of <paramref name="order"/> to use.</returns>
    public int Select(RRset rrset, Span<ushort> order)
    {
        int count = 0;
        ImmutableArray<IPAddress> addresses = rrset.Addresses;
        for (int i = 0; i < addresses.Length; i++)
        {
            if (health.StateOf(addresses[i]) != HealthState.Unhealthy)
            {
                order[count++] = (ushort)i;
            }
        }

        if (count == 0)
        {
            // Not addresses, or every node is down: serve them all (fail open).
            for (int i = 0; i < rrset.Count; i++)
            {
                order[i] = (ushort)i;
            }

            count = rrset.Count;
        }

        Random.Shared.Shuffle(order[..count]);
        return count;
    }
}
