using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class HostsStepTests
{
    private const string Fresh = "127.0.0.1\tlocalhost\n127.0.1.1\tpi1\n\n::1     localhost ip6-localhost ip6-loopback\n";

    [Test, CancelAfter(10_000)]
    public async Task Converge_Fresh_AppendsTheOtherNode(CancellationToken ct)
    {
        using StepHarness h = new();

        StepOutcome outcome = await h.ConvergeAsync(new HostsStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.ReadFile("/etc/hosts"), Is.EqualTo(Fresh + "192.0.2.12 pi2\n"));
        Assert.That(h.Pi1.Commands.Where(command => StepHarness.IsAct(command.Line)), Is.EqualTo(new[] { StepContext.AppendLines("/etc/hosts", "192.0.2.12 pi2\n") }));
        Assert.That(h.Pi1.Lines[0], Is.EqualTo("for name in pi2; do echo \"== $name\"; getent ahosts \"$name\"; done"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Arbiter_AppendsOnlyWhatIsMissing(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);
        h.Pi1.AddDns("pi2", "192.0.2.12");

        StepOutcome outcome = await h.ConvergeAsync(new HostsStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.ReadFile("/etc/hosts"), Is.EqualTo(Fresh + "192.0.2.13 arb\n"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_ResolvedByDns_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.AddDns("pi2", "192.0.2.12");

        StepOutcome outcome = await h.ConvergeAsync(new HostsStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines.Count, h.Pi1.ReadFile("/etc/hosts")), Is.EqualTo((StepOutcome.Ok, 0, Fresh)));
    }

    [Test, CancelAfter(10_000)]
    public async System.Threading.Tasks.Task Converge_NameResolvesElsewhere_RefusesAndSaysWhatToFix(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.AddDns("pi2", "198.51.100.7");

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new HostsStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith("on pi1: the name pi2 resolves to 198.51.100.7, not 192.0.2.12."));
        Assert.That(ex.Message, Does.Contain("Fix /etc/hosts"));
        Assert.That((h.ActLines.Count, h.Pi1.ReadFile("/etc/hosts")), Is.EqualTo((0, Fresh)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_HostsWithoutFinalNewline_KeepsTheLastLine(CancellationToken ct)
    {
        using StepHarness h = new();
        h.Pi1.WriteFile("/etc/hosts", "127.0.0.1\tlocalhost\n127.0.1.1\tpi1");

        StepOutcome outcome = await h.ConvergeAsync(new HostsStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.ReadFile("/etc/hosts"), Is.EqualTo("127.0.0.1\tlocalhost\n127.0.1.1\tpi1\n192.0.2.12 pi2\n"));
    }
}
