using System.Net;
using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Health;

/// <summary>
/// One address's health with hysteresis: <c>fall</c> failed rounds in a row make it Unhealthy,
/// <c>rise</c> passed rounds in a row make it Healthy, and nothing in between changes its state,
/// so a flapping node stays put. One probe loop writes; any thread reads.
/// </summary>
internal sealed class NodeHealth
{
    private readonly Lock _lock = new();
    private int _served;
    private HealthState _state;
    private DateTimeOffset _since;
    private bool _drained;
    private int _passed;
    private int _failed;
    private DateTimeOffset? _lastCheckedAt;
    private CheckResult? _last;

    /// <summary>Starts the address in <paramref name="state"/> (Unknown, or as last saved) since <paramref name="since"/>.</summary>
    public NodeHealth(IPAddress address, HealthState state, DateTimeOffset since, bool drained)
    {
        Address = address;
        _state = state == HealthState.Drained ? HealthState.Unknown : state;
        _since = since;
        _drained = drained;
        Publish();
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <summary>The state the DNS server sees: <see cref="HealthState.Drained"/> when drained, else the measured state. Lock-free.</summary>
    public HealthState ServedState => (HealthState)Volatile.Read(ref _served);

    /// <summary>The measured state, drained or not.</summary>
    public HealthState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether an operator drained the address.</summary>
    public bool Drained
    {
        get
        {
            lock (_lock)
            {
                return _drained;
            }
        }
    }

    /// <summary>Counts a round's result; returns the transition it caused, if any.</summary>
    public Transition? Record(CheckResult result, int rise, int fall, DateTimeOffset now)
    {
        lock (_lock)
        {
            _lastCheckedAt = now;
            _last = result;
            (_passed, _failed) = result.Passed ? (_passed + 1, 0) : (0, _failed + 1);
            HealthState next = _state;
            if (result.Passed && _state != HealthState.Healthy && _passed >= rise)
            {
                next = HealthState.Healthy;
            }
            else if (!result.Passed && _state != HealthState.Unhealthy && _failed >= fall)
            {
                next = HealthState.Unhealthy;
            }

            if (next == _state)
            {
                return null;
            }

            Transition transition = new(Address, _state, next, result.Passed ? _passed : _failed, result.Detail);
            _state = next;
            _since = now;
            Publish();
            return transition;
        }
    }

    /// <summary>Drains or undrains; returns whether anything changed.</summary>
    public bool SetDrained(bool drained)
    {
        lock (_lock)
        {
            if (_drained == drained)
            {
                return false;
            }

            _drained = drained;
            Publish();
            return true;
        }
    }

    /// <summary>Everything known, consistently.</summary>
    public NodeSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new NodeSnapshot(Address, _state, _since, _drained, _passed, _failed, _lastCheckedAt, _last?.Passed, _last?.Detail, _last?.Latency);
        }
    }

    private void Publish() => Volatile.Write(ref _served, (int)(_drained ? HealthState.Drained : _state));
}
