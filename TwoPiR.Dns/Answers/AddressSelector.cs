using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// Decides which records of an RRset go into a response, in what order and with what TTL: every
/// record in a fresh uniformly random order; for a health-checked name, leaving out addresses the
/// health view reports down or drained, capping the TTL, and applying the name's policy when none is left.
/// </summary>
internal sealed class AddressSelector(IHealthView health, CheckedRRsets checkedRRsets, ILogger<AddressSelector>? logger = null, TimeProvider? time = null)
{
    private readonly LogThrottle _failOpenLog = new(time ?? TimeProvider.System, TimeSpan.FromMinutes(1));

    /// <summary>Writes the indexes of the records to serve into <paramref name="order"/>, shuffled.</summary>
    /// <param name="rrset">The shared zone RRset; it is never modified.</param>
    /// <param name="order">At least <see cref="RRset.Count"/> entries.</param>
    /// <returns>How many entries of <paramref name="order"/> to use, with which TTL.</returns>
    public Selection Select(RRset rrset, Span<ushort> order)
    {
        // Only the address records of checked names are health-managed. An unchecked name that shares
        // an address (the apex, glue) keeps its records: filtered, they would be cached for its full TTL.
        ImmutableArray<IPAddress> addresses = rrset.Addresses;
        HealthPolicy? policy = addresses.IsEmpty ? null : checkedRRsets.Find(rrset);
        uint ttl = policy is null ? rrset.Ttl : Math.Min(rrset.Ttl, policy.MaxTtl);
        int count = policy is null ? 0 : Collect(addresses, order, served: static state => state is HealthState.Unknown or HealthState.Healthy);
        if (count == 0 && policy is not null)
        {
            AllDownPolicy whenAllDown = policy.WhenAllDown;
            if (whenAllDown != AllDownPolicy.ServeAll)
            {
                return new Selection(0, ttl, whenAllDown);
            }

            // Fail open: a node the prober cannot reach may still reach clients; drained ones stay out.
            count = Collect(addresses, order, served: static state => state != HealthState.Drained);
            if (count == 0)
            {
                // Every address drained (the operator forced it): nothing may be served.
                return new Selection(0, ttl, AllDownPolicy.NoData);
            }

            LogFailOpen(addresses);
        }

        if (count == 0)
        {
            // Not a checked name: every record, in a fresh order.
            for (int i = 0; i < rrset.Count; i++)
            {
                order[i] = (ushort)i;
            }

            count = rrset.Count;
        }

        Random.Shared.Shuffle(order[..count]);
        return new Selection(count, ttl, Withheld: null);
    }

    private void LogFailOpen(ImmutableArray<IPAddress> addresses)
    {
        if (logger is not null && _failOpenLog.TryEnter(out int suppressed))
        {
            string list = string.Join(", ", addresses);
            DnsLog.FailingOpen(logger, list, suppressed);
        }
    }

    private int Collect(ImmutableArray<IPAddress> addresses, Span<ushort> order, Func<HealthState, bool> served)
    {
        int count = 0;
        for (int i = 0; i < addresses.Length; i++)
        {
            if (served(health.StateOf(addresses[i])))
            {
                order[count++] = (ushort)i;
            }
        }

        return count;
    }
}
