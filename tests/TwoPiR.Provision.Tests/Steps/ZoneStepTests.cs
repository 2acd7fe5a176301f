using System.Net;
using TwoPiR.Provision.Steps;
using TwoPiR.Provision.Zones;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class ZoneStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_ExampleZone_WritesTheWebNodesAndBumpsTheSerial(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);

        StepOutcome outcome = await h.ConvergeAsync(new ZoneStep(), h.Pi1, ct);

        (IReadOnlyList<IPAddress> addresses, uint serial) = new SiteRecords(h.ZoneFile, h.Cluster.Zone.RecordName).Read();
        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(addresses, Is.EquivalentTo(new[] { IPAddress.Parse("192.0.2.11"), IPAddress.Parse("192.0.2.12") }));
        Assert.That(serial, Is.EqualTo(2026112202u));
        Assert.That(h.Notes, Has.Count.EqualTo(1));
        Assert.That(h.AllLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Current_LeavesTheFileAlone(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.ConvergeAsync(new ZoneStep(), h.Pi1, ct);
        string before = await File.ReadAllTextAsync(h.ZoneFile, ct);

        StepOutcome outcome = await h.ConvergeAsync(new ZoneStep(), h.Pi1, ct);

        Assert.That((outcome, await File.ReadAllTextAsync(h.ZoneFile, ct)), Is.EqualTo((StepOutcome.Ok, before)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_BrokenZone_NamesTheFile(CancellationToken ct)
    {
        using StepHarness h = new();
        await File.WriteAllTextAsync(h.ZoneFile, "$ORIGIN example.com.\n@ IN SOA broken\n", ct);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new ZoneStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.Contain("example.com.zone"));
    }
}
