using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

public sealed class AddressSelectorTests
{
    private static readonly RRset s_three = AddressSet("192.0.2.1", "192.0.2.2", "192.0.2.3");

    [Test]
    public void Select_UnhealthyAddress_LeftOut()
    {
        AddressSelector selector = new(new FixedHealthView().With("192.0.2.2", HealthState.Unhealthy).With("192.0.2.3", HealthState.Healthy), Checked(s_three));

        Assert.That(Selected(selector, s_three), Is.EquivalentTo(new[] { "192.0.2.1", "192.0.2.3" }));
    }

    [Test]
    public void Select_EveryAddressDown_ServesAll()
    {
        FixedHealthView health = new();
        foreach (string address in new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" })
        {
            health.With(address, HealthState.Unhealthy);
        }

        Assert.That(Selected(new AddressSelector(health, Checked(s_three)), s_three), Has.Length.EqualTo(3), "fail open");
    }

    [Test]
    public void Select_DrainedAddress_LeftOut()
    {
        AddressSelector selector = new(new FixedHealthView().With("192.0.2.1", HealthState.Drained), Checked(s_three));

        Assert.That(Selected(selector, s_three), Is.EquivalentTo(new[] { "192.0.2.2", "192.0.2.3" }));
    }

    [Test]
    public void Select_EveryAddressDownOrDrained_FailsOpenWithoutTheDrained()
    {
        FixedHealthView health = new FixedHealthView()
            .With("192.0.2.1", HealthState.Drained).With("192.0.2.2", HealthState.Unhealthy).With("192.0.2.3", HealthState.Unhealthy);

        Assert.That(Selected(new AddressSelector(health, Checked(s_three)), s_three), Is.EquivalentTo(new[] { "192.0.2.2", "192.0.2.3" }));
    }

    [Test]
    public void Select_EveryAddressDrained_NothingServed()
    {
        FixedHealthView health = new FixedHealthView()
            .With("192.0.2.1", HealthState.Drained).With("192.0.2.2", HealthState.Drained).With("192.0.2.3", HealthState.Drained);

        Selection selection = new AddressSelector(health, Checked(s_three)).Select(s_three, new ushort[3]);

        Assert.That(selection, Is.EqualTo(new Selection(0, 30, AllDownPolicy.NoData)));
    }

    [Test]
    public void Select_FailingOpen_WarnsOncePerMinute()
    {
        FixedHealthView health = new FixedHealthView()
            .With("192.0.2.1", HealthState.Unhealthy).With("192.0.2.2", HealthState.Unhealthy).With("192.0.2.3", HealthState.Unhealthy);
        ManualTimeProvider time = new();
        using ListLoggerProvider logs = new();
        using ILoggerFactory loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        AddressSelector selector = new(health, Checked(s_three), loggers.CreateLogger<AddressSelector>(), time);

        Selected(selector, s_three);
        Selected(selector, s_three);
        time.Advance(TimeSpan.FromMinutes(1));
        Selected(selector, s_three);

        Assert.That(logs.WithEventId(1041), Has.Count.EqualTo(2));
    }

    [TestCase(AllDownPolicy.NoData)]
    [TestCase(AllDownPolicy.ServFail)]
    public void Select_EveryAddressDownWithPolicy_WithholdsTheRRset(AllDownPolicy policy)
    {
        FixedHealthView health = new FixedHealthView()
            .With("192.0.2.1", HealthState.Unhealthy).With("192.0.2.2", HealthState.Drained).With("192.0.2.3", HealthState.Unhealthy);

        Selection selection = Selector(health, s_three, new HealthPolicy(4, policy)).Select(s_three, new ushort[3]);

        Assert.That(selection, Is.EqualTo(new Selection(0, 4, policy)));
    }

    [Test]
    public void Select_OneAddressUpWithNoDataPolicy_ServesIt()
    {
        FixedHealthView health = new FixedHealthView().With("192.0.2.1", HealthState.Unhealthy).With("192.0.2.2", HealthState.Unhealthy);

        AddressSelector selector = Selector(health, s_three, new HealthPolicy(4, AllDownPolicy.NoData));

        Assert.That(Selected(selector, s_three), Is.EqualTo(new[] { "192.0.2.3" }));
    }

    [TestCase(4u, 4u)]
    [TestCase(60u, 30u)]
    [TestCase(0u, 0u)]
    public void Select_CheckedName_TtlCappedAtPolicy(uint maxTtl, uint expected)
    {
        Selection selection = Selector(new FixedHealthView(), s_three, new HealthPolicy(maxTtl, AllDownPolicy.ServeAll)).Select(s_three, new ushort[3]);

        Assert.That(selection.Ttl, Is.EqualTo(expected));
    }

    [Test]
    public void Select_UncheckedRRset_KeepsZoneTtl()
    {
        RRset other = AddressSet("192.0.2.9");

        Selection selection = Selector(new FixedHealthView(), s_three, new HealthPolicy(4, AllDownPolicy.ServeAll)).Select(other, new ushort[1]);

        Assert.That(selection, Is.EqualTo(new Selection(1, 30, null)));
    }

    [Test]
    public void Select_UncheckedRRsetWithADownAddress_ServesEveryRecordWithZoneTtl()
    {
        AddressSelector selector = new(new FixedHealthView().With("192.0.2.2", HealthState.Unhealthy).With("192.0.2.3", HealthState.Drained), new CheckedRRsets());

        Assert.That(Selected(selector, s_three), Is.EquivalentTo(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" }));
    }

    [Test]
    public void Select_NotAddresses_ServesEveryRecord()
    {
        RRset text = new(RecordType.TXT, 300, [[1, (byte)'a'], [1, (byte)'b']]);
        ushort[] order = new ushort[2];

        int count = new AddressSelector(new FixedHealthView(), new CheckedRRsets()).Select(text, order).Count;

        Assert.That(order.Take(count), Is.EquivalentTo(new ushort[] { 0, 1 }));
    }

    [Test]
    public void Select_ManyRounds_EveryOrderAboutEquallyOften()
    {
        AddressSelector selector = new(new FixedHealthView(), new CheckedRRsets());
        Dictionary<string, int> seen = [];
        const int Rounds = 6000;
        for (int i = 0; i < Rounds; i++)
        {
            string order = string.Join(",", Selected(selector, s_three));
            seen[order] = seen.GetValueOrDefault(order) + 1;
        }

        // Six orders, 1000 expected each; 5 standard deviations is about ±150.
        Assert.That(seen, Has.Count.EqualTo(6));
        Assert.That(seen.Values, Is.All.InRange(800, 1200));
    }

    [Test]
    public void Select_Shuffles_TheSharedRRsetStaysAsLoaded()
    {
        AddressSelector selector = new(new FixedHealthView(), new CheckedRRsets());
        for (int i = 0; i < 100; i++)
        {
            Selected(selector, s_three);
        }

        Assert.That(s_three.Addresses.Select(address => address.ToString()), Is.EqualTo(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" }));
    }

    private static string[] Selected(AddressSelector selector, RRset rrset)
    {
        ushort[] order = new ushort[rrset.Count];
        int count = selector.Select(rrset, order).Count;
        return [.. order.Take(count).Select(index => rrset.Addresses[index].ToString())];
    }

    private static CheckedRRsets Checked(RRset rrset) => TestHealth.Checking(rrset, new HealthPolicy(30, AllDownPolicy.ServeAll));

    private static AddressSelector Selector(FixedHealthView health, RRset rrset, HealthPolicy policy) =>
        new(health, TestHealth.Checking(rrset, policy));

    private static RRset AddressSet(params string[] addresses) =>
        new(RecordType.A, 30, [.. addresses.Select(address => IPAddress.Parse(address).GetAddressBytes())]);
}
