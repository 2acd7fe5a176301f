using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Dns.Health;

/// <summary>
/// After every zone load, finds the A and AAAA records of each health-checked name, tells the
/// prober which addresses to probe, indexes the RRsets for the answer path, and logs each name's
/// worst-case failover time when it changes.
/// </summary>
internal sealed class ProbeTargetFeed(ZoneStore zones, IHealthView health, IProbeTargets targets, CheckedRRsets index, ILogger<ProbeTargetFeed> logger)
    : IHostedService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (TimeSpan Failover, uint Ttl)> _logged = [];

    /// <summary>Follows zone loads; registered before the zones load, so it sees the first.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (health.CheckedNames.Count > 0)
        {
            zones.Replaced += Update;
            if (zones.Current.Zones.Count > 0)
            {
                Update(zones.Current);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        zones.Replaced -= Update;
        return Task.CompletedTask;
    }

    private void Update(ZoneSet current)
    {
        lock (_lock)
        {
            Dictionary<RRset, HealthPolicy> policies = new(ReferenceEqualityComparer.Instance);
            Dictionary<string, IReadOnlyList<IPAddress>> addresses = [];
            foreach (CheckedName name in health.CheckedNames)
            {
                HealthPolicy policy = new((uint)name.MaxTtl.TotalSeconds, name.WhenAllDown);
                RRset[] rrsets = FindAddressRRsets(current, name.Name);
                foreach (RRset rrset in rrsets)
                {
                    policies[rrset] = policy;
                }

                addresses[name.Name] = [.. rrsets.SelectMany(rrset => rrset.Addresses)];
                LogFailover(name, rrsets);
            }

            index.Replace(policies);
            targets.SetAddresses(addresses);
        }
    }

    private static RRset[] FindAddressRRsets(ZoneSet current, string name)
    {
        byte[] wire = DnsName.FromHostName(name);
        if (!current.TryFind(wire, out Zone? zone, out _) || !zone.TryGetNode(wire, out ZoneNode? node))
        {
            return [];
        }

        return [.. new[] { node.Find(RecordType.A), node.Find(RecordType.AAAA) }.OfType<RRset>()];
    }

    private void LogFailover(CheckedName name, RRset[] rrsets)
    {
        if (rrsets.Length == 0)
        {
            return;
        }

        uint zoneTtl = rrsets.Max(rrset => rrset.Ttl);
        uint ttl = Math.Min(zoneTtl, (uint)name.MaxTtl.TotalSeconds);
        TimeSpan failover = name.WorstCaseDetection + TimeSpan.FromSeconds(ttl);
        if (_logged.TryGetValue(name.Name, out var last) && last == (failover, ttl))
        {
            return;
        }

        _logged[name.Name] = (failover, ttl);
        DnsLog.WorstCaseFailover(logger, name.Name, failover.TotalSeconds, name.WorstCaseDetection.TotalSeconds, ttl, zoneTtl, name.WhenAllDown);
    }
}
