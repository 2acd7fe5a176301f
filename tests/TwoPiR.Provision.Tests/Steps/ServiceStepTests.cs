using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class ServiceStepTests
{
    private static ServiceStep Glusterd => new("glusterd", StepScope.EachNode);

    [Test, CancelAfter(10_000)]
    public async Task Converge_InstalledButStopped_EnablesAndStarts(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.Install("glusterfs-server");

        StepOutcome outcome = await h.ConvergeAsync(Glusterd, h.Pi1, ct);

        Assert.That((outcome, h.Pi1.IsEnabled("glusterd"), h.Pi1.IsActive("glusterd")), Is.EqualTo((StepOutcome.Changed, true, true)));
        Assert.That(h.Pi1.Lines, Is.EqualTo(new[]
        {
            "systemctl is-enabled --quiet glusterd && systemctl is-active --quiet glusterd",
            "systemctl enable --now glusterd",
            "systemctl is-enabled --quiet glusterd && systemctl is-active --quiet glusterd",
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_EnabledButStopped_Starts(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.Install("glusterfs-server");
        h.Pi1.SetUnit("glusterd", enabled: true, active: false);

        StepOutcome outcome = await h.ConvergeAsync(Glusterd, h.Pi1, ct);

        Assert.That((outcome, h.Pi1.IsActive("glusterd")), Is.EqualTo((StepOutcome.Changed, true)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Running_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.Install("glusterfs-server");
        h.Pi1.SetUnit("glusterd", enabled: true, active: true);

        StepOutcome outcome = await h.ConvergeAsync(Glusterd, h.Pi1, ct);

        Assert.That((outcome, h.ActLines.Count), Is.EqualTo((StepOutcome.Ok, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async System.Threading.Tasks.Task Converge_NoSuchUnit_FailsWithSystemctlsReason(CancellationToken ct)
    {
        using StepHarness h = new();

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(Glusterd, h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `systemctl enable --now glusterd` exited 1: Failed to enable unit: Unit file glusterd.service does not exist."));
    }
}
