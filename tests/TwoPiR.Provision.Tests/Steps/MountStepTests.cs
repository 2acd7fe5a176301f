using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class MountStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_Fresh_MountsFromFstab(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("mount", ct);

        StepOutcome outcome = await h.ConvergeAsync(new MountStep(), h.Pi2, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { "mount /mnt/gluster1" })));
        Assert.That(h.Pi2.Mounts["/mnt/gluster1"], Is.EqualTo(("fuse.glusterfs", "pi2:/gv0")));
        Assert.That(h.Pi2.Lines[0], Is.EqualTo("findmnt -n -o FSTYPE,SOURCE --mountpoint /mnt/gluster1"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Mounted_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("mount", ct);
        h.Pi1.Mounts["/mnt/gluster1"] = ("fuse.glusterfs", "pi1:/gv0");

        StepOutcome outcome = await h.ConvergeAsync(new MountStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines.Count), Is.EqualTo((StepOutcome.Ok, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_SomethingElseMounted_Refuses(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("mount", ct);
        h.Pi1.Mounts["/mnt/gluster1"] = ("ext4", "/dev/sdb1");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new MountStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: /mnt/gluster1 already has /dev/sdb1 (ext4) mounted on it; unmount it or choose another mount point"));
        Assert.That(h.ActLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_VolumeStopped_NamesTheMountFailure(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("mount", ct);
        h.Gluster.Volumes["gv0"].Started = false;

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new MountStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `mount /mnt/gluster1` exited 1: Mount failed. Check the log file  for more details."));
    }
}
