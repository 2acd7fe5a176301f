using Microsoft.Extensions.Options;
using TwoPiR.Dns.Answers;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

public sealed class ErrorReplyBudgetTests
{
    [Test]
    public void TryTake_BeyondTheBudget_FalseUntilTheNextSecond()
    {
        ManualTimeProvider clock = new();
        ErrorReplyBudget budget = new(Options.Create(new DnsServerOptions { ErrorRepliesPerSecond = 3 }), clock);

        bool[] firstSecond = [.. Enumerable.Range(0, 5).Select(_ => budget.TryTake())];
        clock.Advance(TimeSpan.FromSeconds(1));
        bool nextSecond = budget.TryTake();

        Assert.That(firstSecond, Is.EqualTo(new[] { true, true, true, false, false }));
        Assert.That(nextSecond, Is.True);
    }

    [Test]
    public void TryTake_ZeroBudget_NoLimit()
    {
        ErrorReplyBudget budget = new(Options.Create(new DnsServerOptions { ErrorRepliesPerSecond = 0 }), new ManualTimeProvider());

        Assert.That(Enumerable.Range(0, 10_000).All(_ => budget.TryTake()), Is.True);
    }

    [Test]
    public void Handle_ErrorsBeyondBudgetOverUdp_Dropped()
    {
        ManualTimeProvider clock = new();
        QueryHandler handler = TestHandlers.Create(TestZones.Store(), new DnsServerOptions { ErrorRepliesPerSecond = 2 }, time: clock);
        byte[] refused = QueryBytes.Create("example.org", 1);
        byte[] response = new byte[512];

        int[] udp = [.. Enumerable.Range(0, 3).Select(_ => handler.Handle(refused, response, new QueryContext(DnsTransport.Udp)).Length)];
        int tcp = handler.Handle(refused, response, new QueryContext(DnsTransport.Tcp)).Length;

        Assert.That(udp.Select(length => length > 0), Is.EqualTo(new[] { true, true, false }));
        Assert.That(tcp, Is.GreaterThan(0), "TCP clients cannot be spoofed, so they always get their error");
    }
}
