using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class NginxSiteStepTests
{
    private const string Check = "readlink /etc/nginx/sites-available/twopir.conf; readlink /etc/nginx/sites-enabled/twopir.conf; "
        + "test -e /etc/nginx/sites-enabled/default || test -L /etc/nginx/sites-enabled/default && echo default";

    [Test, CancelAfter(10_000)]
    public async Task Converge_DebianDefault_LinksTheSiteAndDropsOnlyTheDefaultsLink(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx-site", ct);

        StepOutcome outcome = await h.ConvergeAsync(new NginxSiteStep(), h.Pi2, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That((h.Pi2.ReadLink("/etc/nginx/sites-available/twopir.conf"), h.Pi2.ReadLink("/etc/nginx/sites-enabled/twopir.conf")),
            Is.EqualTo(("/mnt/gluster1/nginx/twopir.conf", "/etc/nginx/sites-available/twopir.conf")));
        Assert.That((h.Pi2.Exists("/etc/nginx/sites-enabled/default"), h.Pi2.Exists("/etc/nginx/sites-available/default")), Is.EqualTo((false, true)));
        Assert.That(h.Pi2.Lines[0], Is.EqualTo(Check));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Linked_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx-site", ct);
        await h.ConvergeAsync(new NginxSiteStep(), h.Pi1, ct);
        h.ForgetCommands();

        StepOutcome outcome = await h.ConvergeAsync(new NginxSiteStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[] { Check })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_DefaultIsARegularFile_RefusesAndKeepsIt(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx-site", ct);
        h.Pi1.WriteFile("/etc/nginx/sites-enabled/default", "server { listen 80; root /srv/mine; }\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new NginxSiteStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith("on pi1: `if test -L /etc/nginx/sites-enabled/default; then rm "));
        Assert.That(ex.Message, Does.EndWith("exited 1: /etc/nginx/sites-enabled/default is a file, not the Debian link; move it out of sites-enabled yourself"));
        Assert.That(h.Pi1.ReadFile("/etc/nginx/sites-enabled/default"), Is.EqualTo("server { listen 80; root /srv/mine; }\n"));
    }
}
