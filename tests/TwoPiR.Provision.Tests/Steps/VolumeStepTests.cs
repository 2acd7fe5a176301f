using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class VolumeStepTests
{
    private const string Create = "gluster --mode=script volume create gv0 replica 2 pi1:/srv/gluster/brick pi2:/srv/gluster/brick --xml";

    [Test, CancelAfter(10_000)]
    public async Task Converge_NoVolume_CreatesReplica2(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { Create })));
        Assert.That(h.Gluster.Volumes["gv0"].Bricks, Is.EqualTo(new[] { "pi1:/srv/gluster/brick", "pi2:/srv/gluster/brick" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Arbiter_CreatesReplica3Arbiter1WithTheArbiterLast(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);
        await h.PrepareUpToAsync("volume", ct);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[]
        {
            "gluster --mode=script volume create gv0 replica 3 arbiter 1 pi1:/srv/gluster/brick pi2:/srv/gluster/brick arb:/srv/gluster/brick --xml",
        })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_RootFilesystemAllowed_CreatesWithForce(CancellationToken ct)
    {
        using StepHarness h = new(allowRootFilesystem: true, disks: false);
        await h.PrepareUpToAsync("volume", ct);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[]
        {
            "gluster --mode=script volume create gv0 replica 2 pi1:/srv/gluster/brick pi2:/srv/gluster/brick force --xml",
        })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_VolumeAsWanted_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);
        h.Gluster.CreateVolume("gv0", ["pi1:/srv/gluster/brick", "pi2:/srv/gluster/brick"], 2, started: true);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[] { "gluster --mode=script volume info all --xml" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_VolumeWithOtherBricks_RefusesToReshapeIt(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);
        h.Gluster.CreateVolume("gv0", ["pi1:/data/brick", "pi2:/data/brick"], 2);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith("the volume gv0 exists but differs from "));
        Assert.That(ex.Message, Does.Contain("it is Replicate replica 2 arbiter 0 with bricks pi1:/data/brick pi2:/data/brick, "
            + "the file wants replica 2 arbiter 0 with bricks pi1:/srv/gluster/brick pi2:/srv/gluster/brick."));
        Assert.That(ex.Message, Does.EndWith("fix the file to match, or migrate the volume by hand."));
        Assert.That(h.ActLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Replica2VolumeWhereAnArbiterIsWanted_RefusesToReshapeIt(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);
        await h.PrepareUpToAsync("volume", ct);
        h.Gluster.CreateVolume("gv0", ["pi1:/srv/gluster/brick", "pi2:/srv/gluster/brick"], 2);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.Contain("the file wants replica 3 arbiter 1"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_BrickOfAnotherVolume_Refuses(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);
        h.Gluster.CreateVolume("old", ["pi1:/srv/gluster/brick", "pi2:/srv/gluster/brick"], 2);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("the brick pi1:/srv/gluster/brick already belongs to the volume old. We never reuse a brick: "
            + "choose another volume.brick path, or change volume.name to that volume if it is the one you mean."));
        Assert.That(h.ActLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_LeftoverGlusterfsFolder_RefusesWithoutCreating(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);
        h.Pi2.MakeDirectory("/srv/gluster/brick/.glusterfs");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith("on pi2: /srv/gluster/brick already holds a Gluster brick (.glusterfs is there)"));
        Assert.That(ex.Message, Does.Contain("We never wipe bricks"));
        Assert.That((h.ActLines.Count, h.Gluster.Volumes.Count), Is.EqualTo((0, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_GlusterRefusesCreate_GivesItsReason(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);
        string rootPartition = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "volume-create-root-partition.xml"), ct);
        h.Pi1.FailWhen(line => line == Create, exitCode: 0, stdout: rootPartition);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith($"on pi1: `{Create}` failed: The brick pi1:/srv/gluster/brick is being created in the root partition."));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_GlusterdDown_SaysSo(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume", ct);
        h.Pi1.SetUnit("glusterd", enabled: true, active: false);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `gluster --mode=script volume info all --xml` exited 1: Connection failed. Please check if gluster daemon is operational."));
    }

}
