using System.Net;
using TwoPiR.Probe.Checks;
using TwoPiR.Probe.Health;
using TwoPiR.Probe.Scheduling;
using TwoPiR.Probe.Tests.Checks;
using TwoPiR.Testing;
using static TwoPiR.Probe.Tests.ProbeHarness;

namespace TwoPiR.Probe.Tests.Scheduling;

/// <summary>
/// The probe loop on a manual clock. Timers fire inside <see cref="ManualTimeProvider.Advance"/>, but
/// the loop continues on the thread pool, so each step polls briefly for the round it expects.
/// </summary>
public sealed class AddressProbeTests
{
    // Only data: the scripted check contacts nothing.
    private static readonly IPAddress s_address = IPAddress.Parse("192.0.2.10");
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(50);
    private ProbeHarness _harness = null!;
    private HealthTable _table = null!;
    private CancellationTokenSource _stop = null!;
    private Task _loop = Task.CompletedTask;

    [SetUp]
    public void CreateHarness()
    {
        _harness = new ProbeHarness();
        _stop = new CancellationTokenSource();
    }

    [TearDown]
    public async Task StopLoop()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(s_wait);
        _stop.Dispose();
        _harness.Dispose();
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_Started_OneRoundAtOnce(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);

        Start(check);

        Assert.That(await Polling.UntilAsync(() => Passed() == 1, s_wait, ct), Is.True);
        await Task.Delay(s_settle, ct);
        Assert.That((check.Attempts, _loop.IsCompleted), Is.EqualTo((1, false)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_EachInterval_ExactlyOneMoreRound(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);
        Start(check);
        Assert.That(await Polling.UntilAsync(() => Passed() == 1, s_wait, ct), Is.True);

        for (int round = 2; round <= 6; round++)
        {
            _harness.Clock.Advance(s_interval);
            Assert.That(await Polling.UntilAsync(() => Passed() == round, s_wait, ct), Is.True, $"round {round}");
        }

        await Task.Delay(s_settle, ct);
        Assert.That((check.Attempts, check.MostAtOnce), Is.EqualTo((6, 1)), "never two rounds per interval, never two at once");
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_LessThanAnInterval_NoRoundUntilItEnds(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);
        Start(check);
        Assert.That(await Polling.UntilAsync(() => Passed() == 1, s_wait, ct), Is.True);

        _harness.Clock.Advance(s_interval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(s_settle, ct);
        int early = check.Attempts;
        _harness.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(early, Is.EqualTo(1));
        Assert.That(await Polling.UntilAsync(() => Passed() == 2, s_wait, ct), Is.True);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [CancelAfter(10_000)]
    public async Task RunAsync_NodeDead_UnhealthyOnExactlyTheFallthRound(int fall, CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Fail);
        DateTimeOffset start = _harness.Clock.GetUtcNow();
        Start(check, fall: fall);

        for (int round = 1; round < fall; round++)
        {
            Assert.That(await Polling.UntilAsync(() => Failed() == round, s_wait, ct), Is.True);
            Assert.That(_table.StateOf(s_address), Is.EqualTo(HealthState.Unknown), $"round {round}");
            _harness.Clock.Advance(s_interval);
        }

        Assert.That(await Polling.UntilAsync(() => Failed() == fall, s_wait, ct), Is.True);
        Assert.That(_table.StateOf(s_address), Is.EqualTo(HealthState.Unhealthy));
        Assert.That(Snapshot().Since, Is.EqualTo(start + (s_interval * (fall - 1))), "the first round is at once, then one per interval");
        Assert.That(_harness.Logs.WithEventId(2002), Has.Count.EqualTo(1));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_NodeComesBack_HealthyAfterRiseRounds(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Fail, Step.Fail, Step.Pass);
        Start(check, fall: 2, rise: 2);
        Assert.That(await Polling.UntilAsync(() => Failed() == 1, s_wait, ct), Is.True);
        _harness.Clock.Advance(s_interval);
        Assert.That(await Polling.UntilAsync(() => Failed() == 2, s_wait, ct), Is.True);
        HealthState down = _table.StateOf(s_address);

        _harness.Clock.Advance(s_interval);
        Assert.That(await Polling.UntilAsync(() => Passed() == 1, s_wait, ct), Is.True);
        HealthState stillDown = _table.StateOf(s_address);
        _harness.Clock.Advance(s_interval);
        Assert.That(await Polling.UntilAsync(() => Passed() == 2, s_wait, ct), Is.True);

        Assert.That((down, stillDown, _table.StateOf(s_address)), Is.EqualTo((HealthState.Unhealthy, HealthState.Unhealthy, HealthState.Healthy)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_RoundHangs_TimedOutOnTheClockAndNoOverlap(CancellationToken ct)
    {
        // Timeout 1 s, interval 2 s: each hanging round ends at its timeout, before the next tick.
        ScriptedCheck check = new(Step.Hang);
        Start(check, fall: 2);

        for (int round = 1; round <= 3; round++)
        {
            Assert.That(await Polling.UntilAsync(() => check.Attempts == round, s_wait, ct), Is.True, $"round {round} started");
            _harness.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.That(await Polling.UntilAsync(() => Failed() == round, s_wait, ct), Is.True, $"round {round} timed out");
            _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(Snapshot().LastDetail, Is.EqualTo("timed out after 1s"));
        Assert.That(check.MostAtOnce, Is.EqualTo(1));
        Assert.That(_table.StateOf(s_address), Is.EqualTo(HealthState.Unhealthy));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_Jitter_FirstRoundWaitsAtMostTheJitter(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);
        Start(check, jitter: TimeSpan.FromSeconds(1));
        await Task.Delay(s_settle, ct);
        int beforeJitter = check.Attempts; // a random pause of 0 comes once in 2^53 starts

        _harness.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.That(beforeJitter, Is.Zero);
        Assert.That(await Polling.UntilAsync(() => Passed() == 1, s_wait, ct), Is.True);
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_Cancelled_EndsQuietlyAndProbesNoMore(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);
        Start(check);
        Assert.That(await Polling.UntilAsync(() => Passed() == 1, s_wait, ct), Is.True);

        await _stop.CancelAsync();
        await _loop.WaitAsync(s_wait, ct);
        _harness.Clock.Advance(s_interval * 3);
        await Task.Delay(s_settle, ct);

        Assert.That(check.Attempts, Is.EqualTo(1));
        Assert.That(_harness.Logs.WithEventId(2015), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_CancelledWhileARoundHangs_EndsWithoutCountingIt(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Hang);
        Start(check);
        Assert.That(await Polling.UntilAsync(() => check.Attempts == 1, s_wait, ct), Is.True);

        await _stop.CancelAsync();
        await _loop.WaitAsync(s_wait, ct);

        Assert.That(Snapshot().LastCheckedAt, Is.Null);
        Assert.That(_harness.Logs.WithEventId(2015), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_CheckThrows_CountsAFailedRoundAndKeepsProbing(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass, Step.Throw, Step.Throw);
        Start(check, fall: 2, rise: 1);
        Assert.That(await Polling.UntilAsync(() => _table.StateOf(s_address) == HealthState.Healthy, s_wait, ct), Is.True);

        _harness.Clock.Advance(s_interval);
        Assert.That(await Polling.UntilAsync(() => Snapshot().ConsecutiveFailed == 1, s_wait, ct), Is.True);
        _harness.Clock.Advance(s_interval);

        Assert.That(await Polling.UntilAsync(() => _table.StateOf(s_address) == HealthState.Unhealthy, s_wait, ct), Is.True);
        Assert.That(Snapshot().LastDetail, Does.StartWith("check error: "));
        Assert.That(_loop.IsCompleted, Is.False, "the loop goes on");
        Assert.That(_harness.Logs.WithEventId(2015), Is.Empty);
    }

    private void Start(ScriptedCheck check, int fall = 2, int rise = 2, TimeSpan? jitter = null)
    {
        _harness.Check(Name, new NameCheckOptions
        {
            Interval = s_interval,
            Timeout = TimeSpan.FromSeconds(1),
            Retries = 0,
            Fall = fall,
            Rise = rise,
            Jitter = jitter ?? TimeSpan.Zero,
        });
        _table = _harness.CreateTable();
        CheckPlan plan = _table.SetAddresses(Addresses((Name, [s_address.ToString()])))[s_address];
        AddressProbe probe = new(
            s_address, plan, new CheckRound(check, plan, _harness.Time), _table, _harness.CreateMetrics(_table), _harness.Time, _harness.Logger<AddressProbe>());
        _loop = probe.RunAsync(_stop.Token);
    }

    private NodeSnapshot Snapshot() => _table.Report()[0].Nodes[0];

    private int Passed() => Snapshot().ConsecutivePassed;

    private int Failed() => Snapshot().ConsecutiveFailed;
}
