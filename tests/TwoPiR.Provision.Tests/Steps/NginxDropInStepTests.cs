using TwoPiR.Provision.Steps;
using TwoPiR.Provision.Templates;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class NginxDropInStepTests
{
    private const string DropIn = "/etc/systemd/system/nginx.service.d/twopir-after-volume.conf";

    [Test, CancelAfter(10_000)]
    public async Task Converge_Missing_WritesItAndReloadsSystemd(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx-after-mount", ct);

        StepOutcome outcome = await h.ConvergeAsync(new NginxDropInStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.ReadFile(DropIn), Is.EqualTo("# Written by twopir-provision: nginx's site lives on the Gluster volume, so nginx starts only after it is mounted.\n"
            + "[Unit]\nRequiresMountsFor=/mnt/gluster1\n"));
        Assert.That(h.ActLines, Is.EqualTo(new[]
        {
            $"mkdir -p /etc/systemd/system/nginx.service.d && cat > {DropIn}.twopir-new && mv -f {DropIn}.twopir-new {DropIn}",
            "systemctl daemon-reload",
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Present_SendsOnlyTheHash(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx-after-mount", ct);
        h.Pi1.WriteFile(DropIn, SiteTemplates.NginxAfterVolume(h.Cluster));

        StepOutcome outcome = await h.ConvergeAsync(new NginxDropInStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[] { $"sha256sum {DropIn}" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Edited_WritesItBack(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx-after-mount", ct);
        h.Pi1.WriteFile(DropIn, "[Unit]\n");

        StepOutcome outcome = await h.ConvergeAsync(new NginxDropInStep(), h.Pi1, ct);

        Assert.That((outcome, h.Pi1.ReadFile(DropIn)), Is.EqualTo((StepOutcome.Changed, SiteTemplates.NginxAfterVolume(h.Cluster))));
    }
}
