using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class PackagesStepTests
{
    private const string Install = "env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold glusterfs-server nginx curl";

    [Test, CancelAfter(10_000)]
    public async Task Converge_FreshWebNode_InstallsGlusterAndNginx(CancellationToken ct)
    {
        using StepHarness h = new();

        StepOutcome outcome = await h.ConvergeAsync(new PackagesStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.Packages, Is.EquivalentTo(new[] { "glusterfs-server", "nginx", "curl" }));
        Assert.That(h.Pi1.Lines, Is.EqualTo(new[]
        {
            "dpkg-query -W '-f=${Status}\\n' glusterfs-server nginx curl",
            "apt-get update -q",
            Install,
            "dpkg-query -W '-f=${Status}\\n' glusterfs-server nginx curl",
        }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Arbiter_InstallsOnlyGluster(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);

        StepOutcome outcome = await h.ConvergeAsync(new PackagesStep(), h.Arb, ct);

        Assert.That((outcome, h.Arb.Packages.Single()), Is.EqualTo((StepOutcome.Changed, "glusterfs-server")));
        Assert.That(h.Arb.Lines, Does.Contain("env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold glusterfs-server"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_OnlyOneInstalled_InstallsAgain(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.Install("glusterfs-server");

        StepOutcome outcome = await h.ConvergeAsync(new PackagesStep(), h.Pi1, ct);

        Assert.That((outcome, h.Pi1.Packages.Contains("nginx")), Is.EqualTo((StepOutcome.Changed, true)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Installed_SendsOnlyTheCheck(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.Install("glusterfs-server", "nginx", "curl");

        StepOutcome outcome = await h.ConvergeAsync(new PackagesStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Ok));
        Assert.That(h.Pi1.Lines, Is.EqualTo(new[] { "dpkg-query -W '-f=${Status}\\n' glusterfs-server nginx curl" }));
    }

    [Test, CancelAfter(10_000)]
    public async System.Threading.Tasks.Task Converge_AptFails_NamesNodeCommandAndStderr(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi2.FailWhen(line => line.Contains("apt-get install", StringComparison.Ordinal), exitCode: 100, stderr: "E: Unable to locate package nginx\n");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new PackagesStep(), h.Pi2, ct));

        Assert.That(ex!.Message, Is.EqualTo($"on pi2: `{Install}` exited 100: E: Unable to locate package nginx"));
    }

    [Test, CancelAfter(10_000)]
    public async System.Threading.Tasks.Task Converge_SshFails_ThrowsSshException(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.SshFailWhen(_ => true);

        SshException? ex = await Assert.ThrowsAsync<SshException>(async () => await h.ConvergeAsync(new PackagesStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.Contain("pi1"));
    }
}
