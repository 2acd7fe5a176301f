using System.Net;
using TwoPiR.Dns.Server;

namespace TwoPiR.Dns.Tests.Server;

public sealed class TcpConnectionSlotsTests
{
    private static readonly IPAddress s_one = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_two = IPAddress.Parse("192.0.2.2");

    [Test]
    public void TryTake_PerClientLimit_RefusesThatClientOnly()
    {
        TcpConnectionSlots slots = new(total: 10, perClient: 2);

        string?[] one = [slots.TryTake(s_one), slots.TryTake(s_one), slots.TryTake(s_one)];

        Assert.That(one, Is.EqualTo(new[] { null, null, "2 per client" }));
        Assert.That(slots.TryTake(s_two), Is.Null);
        Assert.That(slots.Open, Is.EqualTo(3));
    }

    [Test]
    public void TryTake_TotalLimit_RefusesEveryone()
    {
        TcpConnectionSlots slots = new(total: 2, perClient: 2);
        slots.TryTake(s_one);
        slots.TryTake(s_two);

        Assert.That(slots.TryTake(IPAddress.Parse("192.0.2.3")), Is.EqualTo("2 in all"));
        Assert.That(slots.Open, Is.EqualTo(2));
    }

    [Test]
    public void Release_GivesTheSlotBack()
    {
        TcpConnectionSlots slots = new(total: 1, perClient: 1);
        slots.TryTake(s_one);

        slots.Release(s_one);

        Assert.That(slots.TryTake(s_one), Is.Null);
        Assert.That(slots.Open, Is.EqualTo(1));
    }
}
