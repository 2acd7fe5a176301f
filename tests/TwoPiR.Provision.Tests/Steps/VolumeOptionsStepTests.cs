using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Tests.Steps;

[TestFixture]
public sealed class VolumeOptionsStepTests
{
    [Test, CancelAfter(10_000)]
    public async Task Converge_Defaults_SetsPingTimeout(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume-options", ct);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeOptionsStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { "gluster --mode=script volume set gv0 network.ping-timeout 10 --xml" })));
        Assert.That(h.Gluster.Volumes["gv0"].SetOptions, Is.EqualTo(new[] { KeyValuePair.Create("network.ping-timeout", "10") }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_Set_SendsOnlyOneRead(CancellationToken ct)
    {
        using StepHarness h = new();
        await h.PrepareUpToAsync("volume-options", ct);
        h.Gluster.Volumes["gv0"].SetOptions.Add(KeyValuePair.Create("network.ping-timeout", "10"));

        StepOutcome outcome = await h.ConvergeAsync(new VolumeOptionsStep(), h.Pi1, ct);

        Assert.That((outcome, h.AllLines), Is.EqualTo((StepOutcome.Ok, new[] { "gluster --mode=script volume get gv0 all --xml" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_BooleanSpelledDifferently_SetsOnlyWhatDiffers(CancellationToken ct)
    {
        using StepHarness h = new(volumeOptions: "  options:\n    cluster.self-heal-daemon: \"true\"\n    network.ping-timeout: \"20\"\n");
        await h.PrepareUpToAsync("volume-options", ct);

        StepOutcome outcome = await h.ConvergeAsync(new VolumeOptionsStep(), h.Pi1, ct);

        Assert.That((outcome, h.ActLines), Is.EqualTo((StepOutcome.Changed, new[] { "gluster --mode=script volume set gv0 network.ping-timeout 20 --xml" })));
    }

    [Test, CancelAfter(10_000)]
    public async Task Converge_UnknownOption_NamesItAndTheFile(CancellationToken ct)
    {
        using StepHarness h = new(volumeOptions: "  options:\n    no.such-option: \"1\"\n");
        await h.PrepareUpToAsync("volume-options", ct);

        StepFailedException? ex = await Assert.ThrowsAsync<StepFailedException>(async () => await h.ConvergeAsync(new VolumeOptionsStep(), h.Pi1, ct));

        Assert.That(ex!.Message, Does.StartWith("Gluster has no volume option 'no.such-option' (see gluster volume get gv0 all); fix volume.options in "));
        Assert.That(h.ActLines, Is.Empty);
    }
}
