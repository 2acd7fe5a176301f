using System.Diagnostics;

namespace TwoPiR.Testing;

/// <summary>Waits for something that happens in another process or on another thread.</summary>
public static class Polling
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_quickInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds or <paramref name="within"/> has passed.</summary>
    /// <returns>The first value that satisfies <paramref name="done"/>, or else the last value seen, for the assertion to show.</returns>
    public static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, CancellationToken cancellationToken)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (true)
        {
            T value = await probe();
            if (done(value) || waited.Elapsed > within)
            {
                return value;
            }

            await Task.Delay(s_interval, cancellationToken);
        }
    }

    /// <summary>
    /// Checks <paramref name="condition"/> every few milliseconds until it holds or <paramref name="within"/>
    /// has passed: for work that continues on the thread pool, e.g. after a <see cref="ManualTimeProvider"/> fires a timer.
    /// </summary>
    /// <returns>Whether the condition held in time.</returns>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(s_quickInterval, cancellationToken);
        }

        return true;
    }
}
