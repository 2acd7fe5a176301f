namespace TwoPiR.Dns;

/// <summary>
/// Lets a repeated log message through at most once per interval and counts what it held back,
/// so a flood (refused connections, refused transfers) leaves a trace without filling the journal.
/// </summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval)
{
    private long _nextAllowed = long.MinValue;
    private int _suppressed;

    /// <summary>Whether to log now.</summary>
    /// <param name="suppressed">How many occurrences were held back since the last one logged.</param>
    public bool TryEnter(out int suppressed)
    {
        long now = time.GetTimestamp();
        long next = Volatile.Read(ref _nextAllowed);
        long intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        if (now >= next && Interlocked.CompareExchange(ref _nextAllowed, now + intervalTicks, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
