using System.Net;
using TwoPiR.Probe.Checks;
using TwoPiR.Probe.Health;
using static TwoPiR.Probe.Tests.ProbeHarness;

namespace TwoPiR.Probe.Tests.Health;

public sealed partial class HealthTableTests
{
    // Addresses here are only data: the table never contacts them.
    private static readonly IPAddress s_first = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_second = IPAddress.Parse("192.0.2.2");
    private ProbeHarness _harness = null!;

    [SetUp]
    public void CreateHarness() => _harness = new ProbeHarness();

    [TearDown]
    public void DisposeHarness() => _harness.Dispose();

    [Test]
    public void SetAddresses_TwoAddresses_OnePlanEach()
    {
        _harness.Check(Name, new NameCheckOptions { Port = 8080 });
        HealthTable table = _harness.CreateTable();

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That(probes.Keys, Is.EquivalentTo(new[] { s_first, s_second }));
        Assert.That(probes.Values, Is.All.EqualTo(table.Plans[Name]));
        Assert.That(table.Plans[Name].Port, Is.EqualTo(8080));
    }

    [Test]
    public void SetAddresses_SameAddressTwiceInAName_OneProbe()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.1"])));

        Assert.That(probes.Keys, Is.EqualTo(new[] { s_first }));
        Assert.That(table.Report()[0].Nodes, Has.Count.EqualTo(1));
    }

    [Test]
    public void SetAddresses_AddressInTwoNames_FirstNamesPlanInOrdinalOrder()
    {
        _harness.Check("www.example", new NameCheckOptions { Port = 81 });
        _harness.Check("api.example", new NameCheckOptions { Port = 82 });
        HealthTable table = _harness.CreateTable();

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses(("www.example", ["192.0.2.1"]), ("api.example", ["192.0.2.1"])));

        Assert.That(probes, Has.Count.EqualTo(1));
        Assert.That(probes[s_first].Port, Is.EqualTo(82));
        Assert.That(_harness.Logs.WithEventId(2007).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            "192.0.2.1 belongs to api.example, www.example, whose checks differ; one probe per address, so it is checked as for api.example",
        }));
    }

    [Test]
    public void SetAddresses_AddressInTwoNamesWithTheSameCheck_NoWarning()
    {
        _harness.Check("www.example", new NameCheckOptions { Host = "www.example" });
        _harness.Check("api.example", new NameCheckOptions { Host = "www.example" });
        HealthTable table = _harness.CreateTable();

        table.SetAddresses(Addresses(("www.example", ["192.0.2.1"]), ("api.example", ["192.0.2.1"])));

        Assert.That(_harness.Logs.WithEventId(2007), Is.Empty);
        Assert.That(table.NamesOf(s_first), Is.EqualTo("api.example, www.example"));
    }

    [Test]
    public void SetAddresses_AddressInTwoNamesWithDefaultHosts_WarnsBecauseEachSendsItsOwnHost()
    {
        _harness.Check("www.example", new NameCheckOptions());
        _harness.Check("api.example", new NameCheckOptions());
        HealthTable table = _harness.CreateTable();

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses(("www.example", ["192.0.2.1"]), ("api.example", ["192.0.2.1"])));

        Assert.That(probes[s_first].Host, Is.EqualTo("api.example"));
        Assert.That(_harness.Logs.WithEventId(2007), Has.Count.EqualTo(1));
    }

    [Test]
    public void SetAddresses_NameNotChecked_NotProbed()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses(("other.example", ["192.0.2.2"]), (Name, ["192.0.2.1"])));

        Assert.That(probes.Keys, Is.EqualTo(new[] { s_first }));
    }

    [Test]
    public void SetAddresses_NameWrittenDifferentlyInSettings_MatchedByItsNormalForm()
    {
        _harness.Check("TwoPiR.Example.COM.", new NameCheckOptions { Port = 8080 });
        HealthTable table = _harness.CreateTable();

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Assert.That(probes[s_first].Port, Is.EqualTo(8080));
        Assert.That(probes[s_first].Host, Is.EqualTo(Name));
    }

    [Test]
    public void StateOf_AddressNeverSet_Unknown()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();

        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
    }

    [Test]
    public void StateOf_AddressNotYetProbed_Unknown()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();

        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
        Assert.That(_harness.Logs.WithEventId(2004).Select(entry => entry.Message), Is.EqualTo(new[] { $"Probing 192.0.2.1 for {Name}, starting Unknown" }));
    }

    [Test]
    public void StateOf_WarmCalls_AllocateNothing()
    {
        // IHealthView: called on the DNS answer path, so it must not allocate.
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        table.Record(s_first, Fail);
        table.SetDrained(s_second, drained: true, force: true);
        IPAddress absent = IPAddress.Parse("192.0.2.99");
        HealthState[] seen = new HealthState[3];
        seen[0] = table.StateOf(s_first);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            seen[0] = table.StateOf(s_first);
            seen[1] = table.StateOf(s_second);
            seen[2] = table.StateOf(absent);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(seen, Is.EqualTo(new[] { HealthState.Unhealthy, HealthState.Drained, HealthState.Unknown }));
    }

    [Test]
    public void SetAddresses_AddressGone_UnknownAndLogged()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        table.Record(s_first, Fail);

        IReadOnlyDictionary<IPAddress, CheckPlan> probes = table.SetAddresses(Addresses((Name, ["192.0.2.2"])));

        Assert.That(probes.Keys, Is.EqualTo(new[] { s_second }));
        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
        Assert.That(table.Record(s_first, Fail), Is.Null, "a last round after removal counts for nothing");
        Assert.That(_harness.Logs.WithEventId(2005).Select(entry => entry.Message), Is.EqualTo(new[] { "Stopped probing 192.0.2.1: no checked name holds it any more" }));
    }

    [Test]
    public void SetAddresses_Reload_KeepsMeasuredStates()
    {
        _harness.Check(Name, new NameCheckOptions { Rise = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));
        table.Record(s_first, Pass);

        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That((table.StateOf(s_first), table.StateOf(s_second)), Is.EqualTo((HealthState.Healthy, HealthState.Unknown)));
        Assert.That(_harness.Logs.WithEventId(2004), Has.Count.EqualTo(2), "only new addresses are announced");
    }

    [Test]
    public void Record_FailuresBeyondFall_DownLoggedOnceOnTheTransition()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 2, Rise = 2 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Transition?[] transitions = [.. Enumerable.Range(0, 5).Select(_ => table.Record(s_first, Fail))];

        Assert.That(transitions.Select(transition => transition?.To), Is.EqualTo(new HealthState?[] { null, HealthState.Unhealthy, null, null, null }));
        Assert.That(_harness.Logs.WithEventId(2002).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            $"192.0.2.1 is DOWN for {Name}: 2 failed checks in a row, last: connection refused",
        }));
        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unhealthy));
    }

    [Test]
    public void Record_PassesBeyondRise_UpLoggedOnceOnTheTransition()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 2, Rise = 3 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        for (int round = 0; round < 6; round++)
        {
            table.Record(s_first, Pass);
        }

        Assert.That(_harness.Logs.WithEventId(2003).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            $"192.0.2.1 is UP for {Name}: 3 passed checks in a row, last: HTTP 200",
        }));
        Assert.That(_harness.Logs.WithEventId(2002), Is.Empty);
    }

    [Test]
    public void Record_Flapping_NoLogsAndNoStateFile()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 2, Rise = 2 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        for (int round = 0; round < 10; round++)
        {
            table.Record(s_first, round % 2 == 0 ? Pass : Fail);
        }

        Assert.That(_harness.Logs.Entries.Where(entry => entry.EventId is 2002 or 2003), Is.Empty);
        Assert.That(File.Exists(_harness.StateFile), Is.False, "only transitions are saved");
    }

    [Test]
    public void Record_AddressInTwoNames_CountsWithTheFirstNamesFall()
    {
        _harness.Check("www.example", new NameCheckOptions { Fall = 3 });
        _harness.Check("api.example", new NameCheckOptions { Fall = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses(("www.example", ["192.0.2.1"]), ("api.example", ["192.0.2.1"])));

        Transition? transition = table.Record(s_first, Fail);

        Assert.That(transition?.To, Is.EqualTo(HealthState.Unhealthy));
        Assert.That(_harness.Logs.WithEventId(2002).Single().Message, Does.StartWith("192.0.2.1 is DOWN for api.example, www.example: 1 failed checks"));
    }

    [Test]
    public void Record_AddressNotInTable_Null()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        HealthTable table = _harness.CreateTable();

        Assert.That(table.Record(s_first, Fail), Is.Null);
    }

    [Test]
    public void CheckedNames_Settings_NormalisedInOrderWithAnswers()
    {
        _harness.Check("WWW.example.", new NameCheckOptions { Interval = TimeSpan.FromSeconds(1.5), Fall = 3, Jitter = TimeSpan.Zero, WhenAllDown = AllDownPolicy.NoData });
        _harness.Check("api.example", new NameCheckOptions { MaxTtl = TimeSpan.FromSeconds(30) });
        HealthTable table = _harness.CreateTable();

        Assert.That(table.CheckedNames, Is.EqualTo(new[]
        {
            new CheckedName("api.example", AllDownPolicy.ServeAll, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(6.6)),
            new CheckedName("www.example", AllDownPolicy.NoData, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6)), // MaxTtl 1.5 s × 3 rounded up
        }));
    }

    [Test]
    public void Report_TwoNames_EachWithItsAddressesInNameOrder()
    {
        _harness.Check("www.example", new NameCheckOptions { Rise = 1 });
        _harness.Check("api.example", new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses(("www.example", ["192.0.2.1", "192.0.2.2"]), ("api.example", ["192.0.2.2"])));
        table.Record(s_second, Pass);

        IReadOnlyList<NameHealth> report = table.Report();

        Assert.That(report.Select(name => name.Name.Name), Is.EqualTo(new[] { "api.example", "www.example" }));
        Assert.That(report.Select(name => string.Join(" ", name.Nodes.Select(node => $"{node.Address}={node.State}"))), Is.EqualTo(new[]
        {
            "192.0.2.2=Unknown",
            "192.0.2.1=Unknown 192.0.2.2=Unknown",
        }), "api.example's plan (rise 2) counts for the shared address");
        Assert.That(report[1].Plan, Is.EqualTo(table.Plans["www.example"]));
    }

    [Test]
    public void Report_NameWithoutAddresses_ListedEmpty()
    {
        _harness.Check(Name, new NameCheckOptions());
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses());

        Assert.That(table.Report().Single().Nodes, Is.Empty);
    }

    private static CheckResult Pass => new(true, "HTTP 200", TimeSpan.FromMilliseconds(2));

    private static CheckResult Fail => new(false, "connection refused", TimeSpan.FromMilliseconds(1));
}
