using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class NginxStepTests
{
    private const string Check = "systemctl is-enabled --quiet nginx && systemctl is-active --quiet nginx && nginx -T 2>/dev/null | sha256sum | cmp -s - /var/lib/twopir/nginx-loaded.sha256 && test \"$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H 'Host: twopir.example.com' http://127.0.0.1/twopir-health)\" = 200";
    private const string Reload = "systemctl enable nginx && if systemctl is-active --quiet nginx; then systemctl reload nginx; else systemctl start nginx; fi";

    [Test, CancelAfter(10_000)]
    public async Task Converge_NeverReloaded_TestsReloadsAndRecordsTheHash(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx", ct);

        StepOutcome outcome = await h.ConvergeAsync(new NginxStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.Lines, Is.EqualTo(new[]
        {
            Check,
            "nginx -t -q",
            Reload,
            "for try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do test \"$(curl -s -o /dev/null -m 2 -w '%{http_code}' -H 'Host: twopir.example.com' http://127.0.0.1/twopir-health)\" = 200 && break; sleep 0.25; done",
            "mkdir -p /var/lib/twopir && nginx -T 2>/dev/null | sha256sum > /var/lib/twopir/nginx-loaded.sha256",
            Check,
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Loaded_SendsOnlyTheCheck(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx", ct);
        await h.ConvergeAsync(new NginxStep(), h.Pi1, ct);
        h.ForgetCommands();

        StepOutcome outcome = await h.ConvergeAsync(new NginxStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[] { Check })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_SiteChangedOnTheVolume_ReloadsEveryWebNode(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx", ct);
        await h.ConvergeAsync(new NginxStep(), h.Pi1, ct);
        await h.ConvergeAsync(new NginxStep(), h.Pi2, ct);
        h.Pi1.WriteFile("/mnt/gluster1/nginx/twopir.conf", "server { listen 80; }\n");
        h.ForgetCommands();

        StepOutcome[] outcomes = [await h.ConvergeAsync(new NginxStep(), h.Pi1, ct), await h.ConvergeAsync(new NginxStep(), h.Pi2, ct)];

        Assert.That(outcomes, Is.EqualTo(new[] { StepOutcome.Changed, StepOutcome.Changed }));
        Assert.That((h.Pi1.Lines.Count(line => line == Reload), h.Pi2.Lines.Count(line => line == Reload)), Is.EqualTo((1, 1)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_BrokenConfiguration_NeverReloads(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("nginx", ct);
        h.Pi1.FailWhen(line => line == "nginx -t -q", exitCode: 1, stderr: "nginx: [emerg] unknown directive \"sever\" in /mnt/gluster1/nginx/twopir.conf:3\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new NginxStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `nginx -t -q` exited 1: nginx: [emerg] unknown directive \"sever\" in /mnt/gluster1/nginx/twopir.conf:3"));
        Assert.That(h.Pi1.Lines, Does.Not.Contain(Reload));
    }
}
