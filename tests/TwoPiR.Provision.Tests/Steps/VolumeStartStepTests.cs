using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class VolumeStartStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_Created_StartsIt(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume-start", ct);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStartStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { "gluster --mode=script volume start gv0 --xml" })));
        Assert.That(h.Gluster.Volumes["gv0"].Started, Is.True);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Started_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume-start", ct);
        h.Gluster.Volumes["gv0"].Started = true;

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStartStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[]
        {
            "gluster --mode=script volume info gv0 --xml",
            "gluster --mode=script volume status gv0 --xml",
        })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_StartedWithABrickDown_StartsWithForce(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume-start", ct);
        h.Gluster.Volumes["gv0"].Started = true;
        h.Gluster.Volumes["gv0"].OfflineBricks.Add("pi2:/srv/gluster/brick");

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStartStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { "gluster --mode=script volume start gv0 force --xml" })));
        Assert.That(h.Gluster.Volumes["gv0"].OfflineBricks, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_BricksNeverComeOnline_GivesUpNamingThem(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume-start", ct);
        h.Gluster.BricksFailToStart = true;

        Task<StepOutcome> converging = h.ConvergeAsync(new VolumeStartStep(), h.Pi1, ct);
        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.DriveAsync(converging));

        Assert.That(ex!.Message, Is.EqualTo("these bricks did not come online within 10 s: pi1:/srv/gluster/brick, pi2:/srv/gluster/brick; see /var/log/glusterfs/bricks/ on their nodes"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_NoVolume_SaysItDoesNotExist(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStartStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `gluster --mode=script volume info gv0 --xml` failed: Volume does not exist"));
    }
}
