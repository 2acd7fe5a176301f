using System.Diagnostics;

namespace TwoPiR.Testing;

/// <summary>Waits for something that happens in another process or on another thread.</summary>
public static class Polling
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);

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
}
