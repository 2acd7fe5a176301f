using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class BrickStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_OnItsOwnDisk_MakesTheFolder(CancellationToken ct)
    {
        using StepHarness h = new();

        StepOutcome outcome = await h.ConvergeAsync(new BrickStep(), h.Pi1, ct);

        Assert.That((outcome, h.Pi1.IsDirectory("/srv/gluster/brick")), Is.EqualTo((StepOutcome.Changed, true)));
        Assert.That(h.Pi1.Lines, Is.EqualTo(new[]
        {
            "test -d /srv/gluster/brick",
            "mkdir -p /srv/gluster/brick",
            "test -d /srv/gluster/brick",
            "stat -c %d / /srv/gluster/brick",
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Present_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.MakeDirectory("/srv/gluster/brick");

        StepOutcome outcome = await h.ConvergeAsync(new BrickStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines.Count, h.Notes.Count), Is.EqualTo((StepOutcome.Ok, 0, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async System.Threading.Tasks.Task Converge_OnRootFilesystem_RefusesAndSaysWhatToDo(CancellationToken ct)
    {
        using StepHarness h = new(disks: false);
        h.Pi2.MakeDirectory("/srv/gluster/brick");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new BrickStep(), h.Pi2, ct));

        Assert.That(ex!.Message, Does.StartWith("on pi2: the brick /srv/gluster/brick is on the root filesystem"));
        Assert.That(ex.Message, Does.Contain("volume.allowRootFilesystem: true"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_OnRootFilesystemAllowed_WarnsOfForce(CancellationToken ct)
    {
        using StepHarness h = new(allowRootFilesystem: true, disks: false);

        StepOutcome outcome = await h.ConvergeAsync(new BrickStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Notes, Is.EqualTo(new[] { "pi1: the brick /srv/gluster/brick is on the root filesystem (allowed by volume.allowRootFilesystem); the volume is created with 'force'" }));
    }

    [Test, CancelAfter(10_000)]
    public async System.Threading.Tasks.Task Converge_StatFails_NamesNodeCommandAndStderr(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.MakeDirectory("/srv/gluster/brick");
        h.Pi1.FailWhen(line => line.StartsWith("stat ", StringComparison.Ordinal), exitCode: 1, stderr: "stat: cannot statx '/': Permission denied\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new BrickStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `stat -c %d / /srv/gluster/brick` exited 1: stat: cannot statx '/': Permission denied"));
    }
}
