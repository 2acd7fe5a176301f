using TwoPiR.Provision.Steps;
using TwoPiR.Provision.Templates;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class SiteFilesStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_EmptyVolume_WritesSiteHealthAndPlaceholderSeenByBothNodes(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("site-files", ct);

        StepOutcome outcome = await h.ConvergeAsync(new SiteFilesStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi2.ReadFile("/mnt/gluster1/nginx/twopir.conf"), Is.EqualTo(SiteTemplates.NginxSite(h.Cluster)));
        Assert.That(h.Pi2.ReadFile("/mnt/gluster1/www/twopir-health"), Is.EqualTo("ok\n"));
        Assert.That(h.Pi2.ReadFile("/mnt/gluster1/www/index.html"), Is.EqualTo(SiteTemplates.Placeholder(h.Cluster)));
        Assert.That(h.Pi1.Lines.Where(StepHarness.IsAct), Is.EqualTo(new[]
        {
            "mkdir -p /mnt/gluster1/nginx && cat > /mnt/gluster1/nginx/twopir.conf.twopir-new && mv -f /mnt/gluster1/nginx/twopir.conf.twopir-new /mnt/gluster1/nginx/twopir.conf",
            "mkdir -p /mnt/gluster1/www && cat > /mnt/gluster1/www/twopir-health.twopir-new && mv -f /mnt/gluster1/www/twopir-health.twopir-new /mnt/gluster1/www/twopir-health",
            "test -e /mnt/gluster1/www/index.html || cat > /mnt/gluster1/www/index.html",
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Written_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("site-files", ct);
        await h.ConvergeAsync(new SiteFilesStep(), h.Pi1, ct);
        h.ForgetCommands();

        StepOutcome outcome = await h.ConvergeAsync(new SiteFilesStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines.Count), Is.EqualTo((StepOutcome.Ok, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_OperatorsPageAndStaleSite_RewritesTheSiteKeepsThePage(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("site-files", ct);
        h.Pi1.WriteFile("/mnt/gluster1/www/index.html", "<p>mine</p>\n");
        h.Pi1.WriteFile("/mnt/gluster1/nginx/twopir.conf", "server { }\n");

        StepOutcome outcome = await h.ConvergeAsync(new SiteFilesStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi2.ReadFile("/mnt/gluster1/www/index.html"), Is.EqualTo("<p>mine</p>\n"));
        Assert.That(h.Pi2.ReadFile("/mnt/gluster1/nginx/twopir.conf"), Is.EqualTo(SiteTemplates.NginxSite(h.Cluster)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_WriteFails_NamesNodeCommandAndStderr(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("site-files", ct);
        h.Pi1.FailWhen(line => line.StartsWith("mkdir -p /mnt/gluster1/nginx &&", StringComparison.Ordinal), exitCode: 1,
            stderr: "sh: 1: cannot create /mnt/gluster1/nginx/twopir.conf.twopir-new: Transport endpoint is not connected\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new SiteFilesStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith("on pi1: `mkdir -p /mnt/gluster1/nginx && cat > "));
        Assert.That(ex.Message, Does.EndWith("` exited 1: sh: 1: cannot create /mnt/gluster1/nginx/twopir.conf.twopir-new: Transport endpoint is not connected"));
    }
}
