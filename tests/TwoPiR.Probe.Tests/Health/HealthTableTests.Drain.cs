using TwoPiR.Probe.Health;
using static TwoPiR.Probe.Tests.ProbeHarness;

namespace TwoPiR.Probe.Tests.Health;

public sealed partial class HealthTableTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void SetDrained_AddressNoNameHolds_UnknownAddress(bool drained)
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Assert.That(table.SetDrained(s_second, drained, force: true), Is.EqualTo(DrainOutcome.UnknownAddress));
        Assert.That(File.Exists(_harness.StateFile), Is.False);
    }

    [Test]
    public void SetDrained_OnlyAddressOfAName_LastAddressAndNotDrained()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        DrainOutcome outcome = table.SetDrained(s_first, drained: true, force: false);

        Assert.That(outcome, Is.EqualTo(DrainOutcome.LastAddress));
        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
        Assert.That(_harness.Logs.WithEventId(2008), Is.Empty);
    }

    [Test]
    public void SetDrained_LastUndrainedOfTwo_LastAddress()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        DrainOutcome first = table.SetDrained(s_first, drained: true, force: false);
        DrainOutcome second = table.SetDrained(s_second, drained: true, force: false);

        Assert.That((first, second), Is.EqualTo((DrainOutcome.Changed, DrainOutcome.LastAddress)));
        Assert.That((table.StateOf(s_first), table.StateOf(s_second)), Is.EqualTo((HealthState.Drained, HealthState.Unknown)));
    }

    [Test]
    public void SetDrained_LastAddressWithForce_Drained()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        DrainOutcome outcome = table.SetDrained(s_first, drained: true, force: true);

        Assert.That(outcome, Is.EqualTo(DrainOutcome.Changed));
        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Drained));
    }

    [Test]
    public void SetDrained_LastAddressOfOneNameButNotOfAnother_LastAddress()
    {
        _harness.Check("www.example", new NameCheckOptions());
        _harness.Check("api.example", new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses(("www.example", ["192.0.2.1", "192.0.2.2"]), ("api.example", ["192.0.2.1"])));

        Assert.That(table.SetDrained(s_first, drained: true, force: false), Is.EqualTo(DrainOutcome.LastAddress));
    }

    [Test]
    public void SetDrained_OnlyServedAddressWhileTheOtherIsDown_LastAddress()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        table.Record(s_first, Fail);

        Assert.That(table.SetDrained(s_second, drained: true, force: false), Is.EqualTo(DrainOutcome.LastAddress));
        Assert.That(table.SetDrained(s_first, drained: true, force: false), Is.EqualTo(DrainOutcome.Changed), "a dead node may go");
    }

    [Test]
    public void SetDrained_Twice_Unchanged()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        DrainOutcome first = table.SetDrained(s_first, drained: true, force: false);
        DrainOutcome second = table.SetDrained(s_first, drained: true, force: false);
        DrainOutcome undrainUndrained = table.SetDrained(s_second, drained: false, force: false);

        Assert.That((first, second, undrainUndrained), Is.EqualTo((DrainOutcome.Changed, DrainOutcome.Unchanged, DrainOutcome.Unchanged)));
        Assert.That(_harness.Logs.WithEventId(2008), Has.Count.EqualTo(1));
    }

    [Test]
    public void SetDrained_DrainedThenUndrained_StateOfDrainedThenTheMeasuredState()
    {
        _harness.Check(Name, new NameCheckOptions { Rise = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        table.Record(s_first, Pass);

        table.SetDrained(s_first, drained: true, force: false);
        HealthState whileDrained = table.StateOf(s_first);
        table.Record(s_first, Pass);
        HealthState stillDrained = table.StateOf(s_first);
        DrainOutcome undrain = table.SetDrained(s_first, drained: false, force: false);

        Assert.That((whileDrained, stillDrained, undrain, table.StateOf(s_first)), Is.EqualTo((HealthState.Drained, HealthState.Drained, DrainOutcome.Changed, HealthState.Healthy)));
        Assert.That(_harness.Logs.Entries.Where(entry => entry.EventId is 2008 or 2009).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            "192.0.2.1 drained: left out of answers until undrained",
            "192.0.2.1 undrained: served again while Healthy",
        }));
    }

    [Test]
    public void NewTable_AfterDrain_DrainRestored()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable before = _harness.CreateTable();
        before.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        before.SetDrained(s_first, drained: true, force: false);

        HealthTable after = _harness.CreateTable();
        after.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That((after.StateOf(s_first), after.StateOf(s_second)), Is.EqualTo((HealthState.Drained, HealthState.Unknown)));
        Assert.That(_harness.Logs.WithEventId(2010).Single().Message, Does.StartWith("Restored 0 node states and 1 drains"));
    }

    [Test]
    public void NewTable_AfterUndrain_NotDrained()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable before = _harness.CreateTable();
        before.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        before.SetDrained(s_first, drained: true, force: false);
        before.SetDrained(s_first, drained: false, force: false);

        HealthTable after = _harness.CreateTable();
        after.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That(after.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
    }

    [Test]
    public void SetAddresses_DrainedAddressLeavesAndReturns_StillDrained()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        table.SetDrained(s_first, drained: true, force: false);

        table.SetAddresses(Addresses((Name, ["192.0.2.2"])));
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Drained));
    }

    [Test]
    public void SetDrained_UndrainAddressThatLeftTheZone_ChangedAndForgotten()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        table.SetDrained(s_first, drained: true, force: false);
        table.SetAddresses(Addresses((Name, ["192.0.2.2"])));

        DrainOutcome outcome = table.SetDrained(s_first, drained: false, force: false);
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That(outcome, Is.EqualTo(DrainOutcome.Changed));
        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
        Assert.That(_harness.CreateTable().SetDrained(s_first, drained: false, force: false), Is.EqualTo(DrainOutcome.UnknownAddress), "the undrain was saved");
    }
}
