using TwoPiR.Probe.Health;
using TwoPiR.Testing;
using static TwoPiR.Probe.Tests.ProbeHarness;

namespace TwoPiR.Probe.Tests.Health;

public sealed partial class HealthTableTests
{
    [Test]
    public void Record_Transition_WritesTheStateFileWithoutLeftovers()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        table.Record(s_first, Fail);

        Assert.That(File.Exists(_harness.StateFile), Is.True);
        Assert.That(File.Exists(_harness.StateFile + ".tmp"), Is.False);
        Assert.That(table.StateFilePath, Is.EqualTo(_harness.StateFile));
    }

    [Test]
    public void NewTable_AfterTransitions_RestoresStatesAndSince()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1, Rise = 1 });
        HealthTable before = _harness.CreateTable();
        before.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        DateTimeOffset wentDown = _harness.Clock.GetUtcNow();
        before.Record(s_first, Fail);
        before.Record(s_second, Pass);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        HealthTable after = _harness.CreateTable();
        after.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That((after.StateOf(s_first), after.StateOf(s_second)), Is.EqualTo((HealthState.Unhealthy, HealthState.Healthy)), "a restart never begins blind");
        Assert.That(after.Report()[0].Nodes[0].Since, Is.EqualTo(wentDown));
        Assert.That(_harness.Logs.WithEventId(2010).Single().Message, Is.EqualTo($"Restored 2 node states and 0 drains from {_harness.StateFile}"));
        Assert.That(_harness.Logs.WithEventId(2004).TakeLast(2).Select(entry => entry.Message), Is.EqualTo(new[]
        {
            $"Probing 192.0.2.1 for {Name}, starting Unhealthy",
            $"Probing 192.0.2.2 for {Name}, starting Healthy",
        }));
    }

    [Test]
    public void NewTable_RestoredAddressReturnsLater_StartsAsSaved()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        HealthTable before = _harness.CreateTable();
        before.SetAddresses(Addresses((Name, ["192.0.2.1"])));
        before.Record(s_first, Fail);

        HealthTable after = _harness.CreateTable();
        after.SetAddresses(Addresses((Name, ["192.0.2.2"])));
        after.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2"])));

        Assert.That(after.StateOf(s_first), Is.EqualTo(HealthState.Unhealthy));
    }

    [Test]
    public void NewTable_NoStateFile_EveryAddressUnknownWithoutWarning()
    {
        _harness.Check(Name, new NameCheckOptions());

        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
        Assert.That(_harness.Logs.Entries.Where(entry => entry.EventId is 2010 or 2011), Is.Empty);
    }

    [TestCase("not json")]
    [TestCase("")]
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("{\"nodes\": 5}")]
    [TestCase("{\"nodes\": [{\"address\": \"192.0.2.1\", \"state\": \"Sideways\", \"since\": \"2026-01-01T00:00:00+00:00\"}]}")]
    [TestCase("{\"nodes\": [{\"address\": \"192.0.2.1\", \"state\": \"Unhealthy\", \"since\": \"yesterday\"}]}")]
    [TestCase("{\"version\": 1, \"nodes\": [{\"address\": \"192.0.2.1\", \"state\": \"Unhealthy\"")]
    [TestCase("{\"version\": 1, \"nodes\": null, \"drained\": []}")]
    [TestCase("{\"version\": 1, \"nodes\": [], \"drained\": null}")]
    [TestCase("{\"version\": 1, \"nodes\": [null], \"drained\": []}")]
    public void NewTable_CorruptStateFile_WarnsAndStartsUnknown(string content)
    {
        _harness.Check(Name, new NameCheckOptions());
        Directory.CreateDirectory(Path.GetDirectoryName(_harness.StateFile)!);
        File.WriteAllText(_harness.StateFile, content);

        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unknown));
        LogEntry warning = _harness.Logs.WithEventId(2011).Single();
        Assert.That(warning.Level, Is.EqualTo(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.That(warning.Message, Does.StartWith($"State file {_harness.StateFile} not read (").And.EndWith("); every node starts Unknown"));
    }

    [Test]
    public void NewTable_StateFileWithEntriesItCannotUse_RestoresOnlyTheGoodOnes()
    {
        _harness.Check(Name, new NameCheckOptions());
        Directory.CreateDirectory(Path.GetDirectoryName(_harness.StateFile)!);
        File.WriteAllText(_harness.StateFile, """
            {
              "version": 1,
              "nodes": [
                { "address": "192.0.2.1", "state": "Unhealthy", "since": "2026-01-01T00:00:00+00:00" },
                { "address": "not an address", "state": "Healthy", "since": "2026-01-01T00:00:00+00:00" },
                { "address": "192.0.2.2", "state": "Drained", "since": "2026-01-01T00:00:00+00:00" },
                { "address": "192.0.2.3", "state": "Unknown", "since": "2026-01-01T00:00:00+00:00" }
              ],
              "drained": [ "192.0.2.4", "nonsense" ]
            }
            """);

        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"])));

        Assert.That(table.Report()[0].Nodes.Select(node => $"{node.Address}={table.StateOf(node.Address)}"), Is.EqualTo(new[]
        {
            "192.0.2.1=Unhealthy", "192.0.2.2=Unknown", "192.0.2.3=Unknown", "192.0.2.4=Drained",
        }));
        Assert.That(_harness.Logs.WithEventId(2010).Single().Message, Does.StartWith("Restored 1 node states and 1 drains"));
    }

    [Test]
    public void NewTable_NoCheckedNames_StateFileNotRead()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_harness.StateFile)!);
        File.WriteAllText(_harness.StateFile, "not json");

        HealthTable table = _harness.CreateTable();

        Assert.That(table.CheckedNames, Is.Empty);
        Assert.That(_harness.Logs.WithEventId(2011), Is.Empty);
    }

    [Test]
    public void Record_StateFileCannotBeWritten_WarnsAndKeepsTheTransition()
    {
        _harness.Check(Name, new NameCheckOptions { Fall = 1 });
        Directory.CreateDirectory(_harness.StateFile); // a folder where the file should be
        HealthTable table = _harness.CreateTable();
        table.SetAddresses(Addresses((Name, ["192.0.2.1"])));

        Transition? transition = table.Record(s_first, Fail);

        Assert.That(transition?.To, Is.EqualTo(HealthState.Unhealthy));
        Assert.That(table.StateOf(s_first), Is.EqualTo(HealthState.Unhealthy));
        LogEntry warning = _harness.Logs.WithEventId(2012).Single();
        Assert.That(warning.Message, Does.StartWith($"State file {_harness.StateFile} not saved: "));
    }
}
