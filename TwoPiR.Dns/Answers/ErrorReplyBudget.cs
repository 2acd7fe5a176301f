using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// A per-second allowance for UDP error replies (FORMERR, NOTIMP, REFUSED, SERVFAIL), shared by
/// every listener. Above it, errors are dropped, so spoofed junk cannot turn this server into a
/// reflector or keep it busy writing replies nobody asked for.
/// </summary>
internal sealed class ErrorReplyBudget(IOptions<DnsServerOptions> options, TimeProvider time)
{
    private readonly int _perSecond = options.Value.ErrorRepliesPerSecond;
    private long _windowStart = time.GetTimestamp();
    private int _spent;

    /// <summary>Takes one reply from this second's allowance.</summary>
    /// <returns><see langword="false"/> when the allowance is used up: drop the reply.</returns>
    public bool TryTake()
    {
        if (_perSecond == 0)
        {
            return true;
        }

        long now = time.GetTimestamp();
        long windowStart = Volatile.Read(ref _windowStart);
        if (now - windowStart >= time.TimestampFrequency && Interlocked.CompareExchange(ref _windowStart, now, windowStart) == windowStart)
        {
            Volatile.Write(ref _spent, 0);
        }

        return Interlocked.Increment(ref _spent) <= _perSecond;
    }
}
