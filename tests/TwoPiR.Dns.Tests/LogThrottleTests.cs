using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests;

public sealed class LogThrottleTests
{
    [Test]
    public void TryEnter_WithinTheInterval_HoldsBackAndCountsWhatItHeld()
    {
        ManualTimeProvider clock = new();
        LogThrottle throttle = new(clock, TimeSpan.FromMinutes(1));

        bool first = throttle.TryEnter(out int before);
        bool[] within = [.. Enumerable.Range(0, 3).Select(_ => throttle.TryEnter(out _))];
        clock.Advance(TimeSpan.FromMinutes(1));
        bool after = throttle.TryEnter(out int held);

        Assert.That((first, before), Is.EqualTo((true, 0)));
        Assert.That(within, Is.All.False);
        Assert.That((after, held), Is.EqualTo((true, 3)));
    }
}
