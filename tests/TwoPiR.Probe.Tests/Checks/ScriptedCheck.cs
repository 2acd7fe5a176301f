using System.Collections.Concurrent;
using System.Net;
using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Tests.Checks;

/// <summary>What one attempt of a <see cref="ScriptedCheck"/> does.</summary>
internal enum Step
{
    /// <summary>Passes at once.</summary>
    Pass,

    /// <summary>Fails at once.</summary>
    Fail,

    /// <summary>Waits until cancelled.</summary>
    Hang,

    /// <summary>Throws, as a bug in a check would.</summary>
    Throw,
}

/// <summary>
/// A health check that plays a script, one step per attempt, then repeats the last step; it
/// counts attempts so tests can see retries and rounds. The seam is <see cref="IHealthCheck"/>.
/// </summary>
internal sealed class ScriptedCheck(params Step[] script) : IHealthCheck
{
    private readonly ConcurrentQueue<IPAddress> _attempts = new();
    private int _running;
    private int _mostRunning;

    /// <summary>How many attempts were made.</summary>
    public int Attempts => _attempts.Count;

    /// <summary>The address of each attempt, in order.</summary>
    public IReadOnlyList<IPAddress> Addresses => [.. _attempts];

    /// <summary>The most attempts that ever ran at once.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostRunning);

    /// <summary>Runs during each Pass or Fail attempt, before it answers, e.g. to move a manual clock.</summary>
    public Action? During { get; init; }

    /// <inheritdoc />
    public async Task<CheckResult> CheckAsync(IPAddress address, CancellationToken cancellationToken)
    {
        int running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostRunning, running);
        try
        {
            int attempt = _attempts.Count;
            _attempts.Enqueue(address);
            Step step = script[Math.Min(attempt, script.Length - 1)];
            switch (step)
            {
                case Step.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    throw new InvalidOperationException("unreachable");
                case Step.Throw:
                    throw new InvalidOperationException($"scripted bug in attempt {attempt + 1}");
                default:
                    During?.Invoke();
                    return new CheckResult(step == Step.Pass, $"{step} {attempt + 1}", TimeSpan.Zero);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int location, int value)
    {
        int current;
        while ((current = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, current) != current)
        {
            // Another attempt raised it meanwhile; look again.
        }
    }
}
