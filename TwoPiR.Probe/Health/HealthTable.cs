using System.Collections.Frozen;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Health;

/// <summary>
/// The health of every probed address, and the names that hold them. The DNS server reads it
/// through <see cref="IHealthView"/> without locks; probe loops, zone reloads and drains write.
/// </summary>
internal sealed class HealthTable : IHealthView
{
    private readonly Lock _lock = new();
    private readonly Lock _saveLock = new();
    private readonly ILogger<HealthTable> _logger;
    private readonly TimeProvider _time;
    private readonly HealthStateFile _file;
    private readonly FrozenDictionary<string, CheckPlan> _plans;
    private readonly Dictionary<IPAddress, (HealthState State, DateTimeOffset Since)> _restored;
    private readonly HashSet<IPAddress> _drained;
    private FrozenDictionary<IPAddress, NodeHealth> _nodes = FrozenDictionary<IPAddress, NodeHealth>.Empty;
    private FrozenDictionary<string, IPAddress[]> _addressesByName = FrozenDictionary<string, IPAddress[]>.Empty;
    private FrozenDictionary<IPAddress, string> _namesOf = FrozenDictionary<IPAddress, string>.Empty;
    private FrozenDictionary<IPAddress, CheckPlan> _planOf = FrozenDictionary<IPAddress, CheckPlan>.Empty;

    /// <summary>Creates the table for the names in <paramref name="options"/>, restoring what the state file holds.</summary>
    public HealthTable(IOptions<ProbeOptions> options, TimeProvider time, ILogger<HealthTable> logger)
    {
        _logger = logger;
        _time = time;
        (string Name, NameCheckOptions Check)[] names =
        [
            .. options.Value.Names
                .Select(pair => (Name: ProbeOptionsValidator.TryNormalizeName(pair.Key, out string name) ? name : pair.Key, Check: pair.Value))
                .OrderBy(entry => entry.Name, StringComparer.Ordinal),
        ];
        _plans = names.ToFrozenDictionary(entry => entry.Name, entry => CheckPlan.From(entry.Name, entry.Check), StringComparer.Ordinal);
        CheckedNames = [.. names.Select(entry => ToCheckedName(entry.Name, _plans[entry.Name], entry.Check))];
        _file = new HealthStateFile(options.Value.EffectiveStateFile);
        SavedHealth saved = _plans.Count == 0 ? SavedHealth.Empty : Restore();
        _restored = new(saved.States);
        _drained = [.. saved.Drained];
    }

    /// <inheritdoc />
    public IReadOnlyList<CheckedName> CheckedNames { get; }

    /// <summary>Each checked name's resolved check, by name.</summary>
    public IReadOnlyDictionary<string, CheckPlan> Plans => _plans;

    /// <summary>The state file in use.</summary>
    public string StateFilePath => _file.Path;

    /// <inheritdoc />
    public HealthState StateOf(IPAddress address) =>
        Volatile.Read(ref _nodes).TryGetValue(address, out NodeHealth? node) ? node.ServedState : HealthState.Unknown;

    /// <summary>
    /// Takes the names' new addresses; returns what each address is to be probed with. An address
    /// in several names gets one probe, with the check of the first name in order.
    /// </summary>
    public IReadOnlyDictionary<IPAddress, CheckPlan> SetAddresses(IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> addressesByName)
    {
        lock (_lock)
        {
            Dictionary<string, IPAddress[]> byName = [];
            Dictionary<IPAddress, List<string>> namesOf = [];
            foreach (string name in _plans.Keys.Order(StringComparer.Ordinal))
            {
                IPAddress[] addresses = addressesByName.TryGetValue(name, out IReadOnlyList<IPAddress>? list) ? [.. list.Distinct()] : [];
                byName[name] = addresses;
                foreach (IPAddress address in addresses)
                {
                    (namesOf.TryGetValue(address, out List<string>? names) ? names : namesOf[address] = []).Add(name);
                }
            }

            Dictionary<IPAddress, NodeHealth> nodes = [];
            Dictionary<IPAddress, CheckPlan> probes = [];
            foreach ((IPAddress address, List<string> names) in namesOf)
            {
                nodes[address] = _nodes.TryGetValue(address, out NodeHealth? existing) ? existing : CreateNode(address, names);
                probes[address] = _plans[names[0]];
                if (names.Skip(1).Any(name => _plans[name] != probes[address]))
                {
                    ProbeLog.SharedAddressChecks(_logger, address, string.Join(", ", names), names[0]);
                }
            }

            foreach (IPAddress gone in _nodes.Keys.Where(address => !nodes.ContainsKey(address)))
            {
                ProbeLog.AddressRemoved(_logger, gone);
            }

            _addressesByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
            _namesOf = namesOf.ToFrozenDictionary(pair => pair.Key, pair => string.Join(", ", pair.Value));
            _planOf = probes.ToFrozenDictionary();
            Volatile.Write(ref _nodes, nodes.ToFrozenDictionary());
            return probes;
        }
    }

    /// <summary>Counts a round's result for <paramref name="address"/>, logging and saving a state change.</summary>
    public Transition? Record(IPAddress address, CheckResult result)
    {
        if (!Volatile.Read(ref _nodes).TryGetValue(address, out NodeHealth? node) || !_planOf.TryGetValue(address, out CheckPlan? plan))
        {
            return null; // removed by a reload while its last round ran
        }

        Transition? transition = node.Record(result, plan.Rise, plan.Fall, _time.GetUtcNow());
        if (transition is not null)
        {
            Log(transition);
            Save();
        }

        return transition;
    }

    /// <summary>Drains (or undrains) <paramref name="address"/>, unless it is unknown or, without <paramref name="force"/>, the last address some name could serve.</summary>
    public DrainOutcome SetDrained(IPAddress address, bool drained, bool force)
    {
        DrainOutcome outcome;
        lock (_lock)
        {
            outcome = SetDrainedLocked(address, drained, force);
        }

        if (outcome == DrainOutcome.Changed)
        {
            if (drained)
            {
                ProbeLog.Drained(_logger, address);
            }
            else
            {
                HealthState state = StateOf(address);
                ProbeLog.Undrained(_logger, address, state);
            }

            Save();
        }

        return outcome;
    }

    /// <summary>Every checked name with its addresses' states, in name order.</summary>
    public IReadOnlyList<NameHealth> Report()
    {
        FrozenDictionary<IPAddress, NodeHealth> nodes = Volatile.Read(ref _nodes);
        FrozenDictionary<string, IPAddress[]> byName;
        lock (_lock)
        {
            byName = _addressesByName;
        }

        return [.. CheckedNames.Select(name => new NameHealth(
            name,
            _plans[name.Name],
            [.. (byName.TryGetValue(name.Name, out IPAddress[]? addresses) ? addresses : [])
                .Where(nodes.ContainsKey)
                .Select(address => nodes[address].Snapshot())]))];
    }

    /// <summary>The names holding <paramref name="address"/>, comma-separated, for logs.</summary>
    public string NamesOf(IPAddress address) => _namesOf.TryGetValue(address, out string? names) ? names : "";

    private DrainOutcome SetDrainedLocked(IPAddress address, bool drained, bool force)
    {
        if (!_nodes.TryGetValue(address, out NodeHealth? node))
        {
            if (!drained && _drained.Remove(address))
            {
                return DrainOutcome.Changed; // undraining an address the zone no longer holds
            }

            return DrainOutcome.UnknownAddress;
        }

        // Draining the one address a name still serves would leave its clients nothing that works.
        if (drained && !force && IsServed(node) && _addressesByName.Values.Any(addresses =>
            addresses.Contains(address) && addresses.All(other => other.Equals(address) || !IsServed(_nodes[other]))))
        {
            return DrainOutcome.LastAddress;
        }

        _ = drained ? _drained.Add(address) : _drained.Remove(address);
        return node.SetDrained(drained) ? DrainOutcome.Changed : DrainOutcome.Unchanged;
    }

    private static bool IsServed(NodeHealth node) => node.ServedState is HealthState.Unknown or HealthState.Healthy;

    private NodeHealth CreateNode(IPAddress address, List<string> names)
    {
        (HealthState state, DateTimeOffset since) = _restored.Remove(address, out var saved) ? saved : (HealthState.Unknown, _time.GetUtcNow());
        string holders = string.Join(", ", names);
        ProbeLog.AddressAdded(_logger, address, holders, state);
        return new NodeHealth(address, state, since, _drained.Contains(address));
    }

    private void Log(Transition transition)
    {
        string names = NamesOf(transition.Address);
        if (transition.To == HealthState.Unhealthy)
        {
            ProbeLog.NodeDown(_logger, transition.Address, names, transition.Rounds, transition.LastDetail);
        }
        else
        {
            ProbeLog.NodeUp(_logger, transition.Address, names, transition.Rounds, transition.LastDetail);
        }
    }

    private SavedHealth Restore()
    {
        try
        {
            SavedHealth saved = _file.Load();
            if (saved.States.Count + saved.Drained.Count > 0)
            {
                ProbeLog.StateRestored(_logger, saved.States.Count, saved.Drained.Count, _file.Path);
            }

            return saved;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            ProbeLog.StateFileUnreadable(_logger, _file.Path, ex.Message);
            return SavedHealth.Empty;
        }
    }

    private void Save()
    {
        lock (_saveLock)
        {
            IPAddress[] drained;
            NodeSnapshot[] waiting;
            lock (_lock)
            {
                drained = [.. _drained];

                // Restored states of addresses no loaded zone holds yet are kept for when one does.
                waiting = [.. _restored.Select(pair => new NodeSnapshot(pair.Key, pair.Value.State, pair.Value.Since, false, 0, 0, null, null, null, null))];
            }

            try
            {
                _file.Save(Volatile.Read(ref _nodes).Values.Select(node => node.Snapshot()).Concat(waiting), drained);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ProbeLog.StateFileNotSaved(_logger, _file.Path, ex.Message);
            }
        }
    }

    private static CheckedName ToCheckedName(string name, CheckPlan plan, NameCheckOptions check)
    {
        TimeSpan maxTtl = check.MaxTtl ?? TimeSpan.FromSeconds(Math.Ceiling((plan.Interval * plan.Fall).TotalSeconds));
        return new CheckedName(name, check.WhenAllDown, maxTtl, plan.WorstCaseDetection);
    }
}
