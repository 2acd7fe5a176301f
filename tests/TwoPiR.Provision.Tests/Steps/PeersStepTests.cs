using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class PeersStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_Fresh_ProbesEachWayAndEveryoneKnowsEveryoneByName(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("peers", ct);

        StepOutcome outcome = await h.ConvergeAsync(new PeersStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.Lines.Where(StepHarness.IsAct), Is.EqualTo(new[] { "gluster --mode=script peer probe pi2 --xml" }));
        Assert.That(h.Pi2.Lines.Where(StepHarness.IsAct), Is.EqualTo(new[] { "gluster --mode=script peer probe pi1 --xml" }));
        Assert.That((h.Gluster.NamesOf(h.Pi1, h.Pi2), h.Gluster.NamesOf(h.Pi2, h.Pi1)), Is.EqualTo((new[] { "pi2" }, new[] { "192.0.2.11", "pi1" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Arbiter_JoinsAllThree(CancellationToken ct)
    {
        using StepHarness h = new(arbiter: true);
        await h.PrepareUpToAsync("peers", ct);

        StepOutcome outcome = await h.ConvergeAsync(new PeersStep(), h.Pi1, ct);

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
        Assert.That(h.Pi1.Lines.Where(StepHarness.IsAct), Is.EqualTo(new[] { "gluster --mode=script peer probe pi2 --xml", "gluster --mode=script peer probe arb --xml" }));
        Assert.That(h.Arb.Lines.Where(StepHarness.IsAct), Is.EqualTo(new[] { "gluster --mode=script peer probe pi1 --xml" }));
        Assert.That(h.Gluster.NamesOf(h.Pi2, h.Arb), Is.EqualTo(new[] { "arb" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Joined_SendsNoAct(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("peers", ct);
        h.Gluster.FormPool();

        StepOutcome outcome = await h.ConvergeAsync(new PeersStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines.Count), Is.EqualTo((StepOutcome.Ok, 0)));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_ProbedOnlyOneWay_ProbesBackOnly(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("peers", ct);
        h.Gluster.Know(h.Pi1, h.Pi2, "pi2");
        h.Gluster.Know(h.Pi2, h.Pi1, "192.0.2.11");

        StepOutcome outcome = await h.ConvergeAsync(new PeersStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { "gluster --mode=script peer probe pi1 --xml" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_SlowJoin_WaitsOnTheClock(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("peers", ct);
        h.Gluster.JoinPolls = 8;

        Task<StepOutcome> converging = h.ConvergeAsync(new PeersStep(), h.Pi1, ct);
        await h.DriveAsync(converging);
        StepOutcome outcome = await converging;

        Assert.That(outcome, Is.EqualTo(StepOutcome.Changed));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_NeverJoins_GivesUpAfter15SecondsNamingThePort(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("peers", ct);
        h.Gluster.PeersNeverJoin = true;

        Task<StepOutcome> converging = h.ConvergeAsync(new PeersStep(), h.Pi1, ct);
        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.DriveAsync(converging));

        Assert.That(ex!.Message, Is.EqualTo("the peers did not join within 15 s: pi1 sees pi2 as \"Accepted peer request\". "
            + "Check that TCP port 24007 is open between the nodes and that glusterd runs on each."));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_PeerUnreachable_GivesGlusterdsReason(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("peers", ct);
        h.Pi2.SetUnit("glusterd", enabled: true, active: false);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new PeersStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Is.EqualTo("on pi1: `gluster --mode=script peer probe pi2 --xml` failed: Probe returned with Transport endpoint is not connected"));
    }
}
