using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class DistinctUuidsStepTests
{
    private const string Read = "gluster --mode=script pool list --xml >/dev/null; cat /var/lib/glusterd/glusterd.info";

    [Test, CancelAfter(10_000)]
    public async Task Converge_DistinctUuids_OkWithOneReadPerNode(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("distinct-uuids", ct);

        StepOutcome outcome = await h.ConvergeAsync(new DistinctUuidsStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Ok));
        Assert.That((h.Pi1.Lines, h.Pi2.Lines), Is.EqualTo((new[] { Read }, new[] { Read })));
        Assert.That(new DistinctUuidsStep().Commands(h.Context(h.Pi1)), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_ClonedSdCard_NamesTheNodesAndWhatToDo(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi2.GlusterdUuid = h.Pi1.GlusterdUuid;
        await h.PrepareUpToAsync("distinct-uuids", ct);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new DistinctUuidsStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith($"pi1 and pi2 share the glusterd UUID {h.Pi1.GlusterdUuid}"));
        Assert.That(ex.Message, Does.Contain("systemctl stop glusterd, move /var/lib/glusterd/glusterd.info aside, systemctl start glusterd"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_GlusterdDown_GivesUpAfterItsBoundedWait(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("distinct-uuids", ct);
        h.Pi2.SetUnit("glusterd", enabled: true, active: false);

        Task<StepOutcome> converging = h.ConvergeAsync(new DistinctUuidsStep(), h.Pi1, ct);
        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.DriveAsync(converging));

        Assert.That(ex!.Message, Is.EqualTo("on pi2: /var/lib/glusterd/glusterd.info has no UUID after 10 s; is glusterd running (systemctl status glusterd)?"));
        Assert.That(h.Pi2.Lines.Count(line => line == Read), Is.EqualTo(20));
    }
}
