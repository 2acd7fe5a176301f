using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class FstabStepTests
{
    private const string Installer = "# /etc/fstab: static file system information.\nUUID=4f0e6a3c-1d2b-4c5d-9e8f-0a1b2c3d4e5f / ext4 errors=remount-ro 0 1\n";
    private const string Pi1Line = "pi1:/gv0 /mnt/gluster1 glusterfs defaults,_netdev,backup-volfile-servers=pi2,x-systemd.requires=glusterd.service 0 0";

    [Test, CancelAfter(10_000)]
    public async Task Converge_Fresh_AppendsTheLineAndMakesTheMountPoint(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("fstab", ct);

        StepOutcome outcome = await h.ConvergeAsync(new FstabStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.ReadFile("/etc/fstab"), Is.EqualTo(Installer + Pi1Line + "\n"));
        Assert.That(h.Pi1.IsDirectory("/mnt/gluster1"), Is.True);
        Assert.That(h.Pi1.Commands.Where(command => StepHarness.IsAct(command.Line)), Is.EqualTo(new[]
        {
            RemoteCommand.Of("mkdir", "-p", "/mnt/gluster1"),
            StepContext.AppendLines("/etc/fstab", Pi1Line + "\n"),
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Arbiter_BackupServersNameTheOtherTwo(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);
        await h.PrepareUpToAsync("fstab", ct);

        await h.ConvergeAsync(new FstabStep(), h.Pi2, ct);

        Assert.That(h.Pi2.ReadFile("/etc/fstab"), Does.EndWith(
            "pi2:/gv0 /mnt/gluster1 glusterfs defaults,_netdev,backup-volfile-servers=pi1:arb,x-systemd.requires=glusterd.service 0 0\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Present_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("fstab", ct);
        h.Pi1.WriteFile("/etc/fstab", Installer + Pi1Line.Replace(' ', '\t') + "\n");

        StepOutcome outcome = await h.ConvergeAsync(new FstabStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[] { "cat /etc/fstab" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_CommentedOutEntry_IsIgnored(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("fstab", ct);
        h.Pi1.WriteFile("/etc/fstab", Installer + "#/dev/sdb1 /mnt/gluster1 ext4 defaults 0 2\n");

        StepOutcome outcome = await h.ConvergeAsync(new FstabStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_OtherEntryForTheMountPoint_RefusesAndShowsTheWantedLine(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("fstab", ct);
        h.Pi1.WriteFile("/etc/fstab", Installer + "/dev/sdb1 /mnt/gluster1 ext4 defaults 0 2\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new FstabStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: /etc/fstab already mounts something at /mnt/gluster1: '/dev/sdb1 /mnt/gluster1 ext4 defaults 0 2'. "
            + $"We do not edit entries we did not write; replace it by hand with '{Pi1Line}', or choose another mount point."));
        Assert.That(h.ActLines, Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_CannotReadFstab_NamesNodeCommandAndStderr(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("fstab", ct);
        h.Pi2.FailWhen(line => line == "cat /etc/fstab", exitCode: 1, stderr: "cat: /etc/fstab: Permission denied\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new FstabStep(), h.Pi2, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi2: `cat /etc/fstab` exited 1: cat: /etc/fstab: Permission denied"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_FstabWithoutFinalNewline_KeepsTheRootLine(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("fstab", ct);
        h.Pi1.WriteFile("/etc/fstab", Installer.TrimEnd('\n'));

        StepOutcome outcome = await h.ConvergeAsync(new FstabStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.ReadFile("/etc/fstab"), Is.EqualTo(Installer + Pi1Line + "\n"));
    }
}
