using System.Diagnostics;
using System.Net;
using TwoPiR.Probe.Checks;
using TwoPiR.Testing;

namespace TwoPiR.Probe.Tests.Checks;

public sealed class CheckRoundTests
{
    private static readonly IPAddress s_address = IPAddress.Parse("127.0.0.1");

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_PassAtOnce_OneAttempt(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);

        CheckResult result = await Round(check, retries: 2).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail, check.Attempts), Is.EqualTo((true, "Pass 1", 1)));
        Assert.That(check.Addresses, Is.All.EqualTo(s_address));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_FailThenPass_PassesThanksToARetry(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Fail, Step.Pass);

        CheckResult result = await Round(check, retries: 1).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail, check.Attempts), Is.EqualTo((true, "Pass 2", 2)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_FailThenPassWithoutRetries_Fails(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Fail, Step.Pass);

        CheckResult result = await Round(check, retries: 0).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail, check.Attempts), Is.EqualTo((false, "Fail 1", 1)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    [CancelAfter(10_000)]
    public async Task RunAsync_AlwaysFails_RetriesPlusOneAttemptsAndTheLastDetail(int retries, CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Fail);

        CheckResult result = await Round(check, retries).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail, check.Attempts), Is.EqualTo((false, $"Fail {retries + 1}", retries + 1)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_AttemptHangs_TimedOutResultWithoutException(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Hang);
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await Round(check, retries: 0, timeoutMs: 200).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "timed out after 0.2s")));
        Assert.That(elapsed.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)).And.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_FirstAttemptHangs_RetriedAndPasses(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Hang, Step.Pass);

        CheckResult result = await Round(check, retries: 1, timeoutMs: 200).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail, check.Attempts), Is.EqualTo((true, "Pass 2", 2)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_EveryAttemptHangs_EachTimesOutThenTheRoundFails(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Hang);

        CheckResult result = await Round(check, retries: 2, timeoutMs: 150, intervalMs: 5000).RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail, check.Attempts), Is.EqualTo((false, "timed out after 0.15s", 3)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_AttemptsOutlastTheInterval_RoundCutAtTheInterval(CancellationToken ct)
    {
        // Four attempts of 200 ms and three pauses would take 1.1 s; the interval of 300 ms cuts the round.
        ScriptedCheck check = new(Step.Hang);
        CheckRound round = Round(check, retries: 3, timeoutMs: 200, intervalMs: 300);
        Stopwatch elapsed = Stopwatch.StartNew();

        CheckResult result = await round.RunAsync(s_address, ct);

        Assert.That((result.Passed, result.Detail), Is.EqualTo((false, "timed out after 0.2s")));
        Assert.That(check.Attempts, Is.InRange(1, 2));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(900)));
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_CancelledWhileAttemptHangs_Throws(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Hang);
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        CheckRound round = Round(check, retries: 3, timeoutMs: 5000, intervalMs: 60_000);

        Task<CheckResult> running = round.RunAsync(s_address, stop.Token);
        Assert.That(await Polling.UntilAsync(() => check.Attempts == 1, TimeSpan.FromSeconds(5), ct), Is.True);
        await stop.CancelAsync();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => running);
        Assert.That(check.Attempts, Is.EqualTo(1), "a cancelled round is not retried");
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_AlreadyCancelled_ThrowsWithoutChecking(CancellationToken ct)
    {
        ScriptedCheck check = new(Step.Pass);
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await stop.CancelAsync();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => Round(check, retries: 1).RunAsync(s_address, stop.Token));
        Assert.That(check.Attempts, Is.Zero);
    }

    [Test, CancelAfter(10_000)]
    public async Task RunAsync_CheckTakesTime_LatencyIsTheWholeRound(CancellationToken ct)
    {
        ManualTimeProvider clock = new();
        ScriptedCheck check = new(Step.Pass) { During = () => clock.Advance(TimeSpan.FromMilliseconds(30)) };
        CheckRound round = new(check, Plan(retries: 0, timeoutMs: 1000, intervalMs: 2000), clock);

        CheckResult result = await round.RunAsync(s_address, ct);

        Assert.That(result.Latency, Is.EqualTo(TimeSpan.FromMilliseconds(30)));
    }

    private static CheckRound Round(ScriptedCheck check, int retries, int timeoutMs = 1000, int intervalMs = 2000) =>
        new(check, Plan(retries, timeoutMs, intervalMs), TimeProvider.System);

    private static CheckPlan Plan(int retries, int timeoutMs, int intervalMs) => CheckPlan.From(ProbeHarness.Name, new NameCheckOptions
    {
        Retries = retries,
        Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        Interval = TimeSpan.FromMilliseconds(intervalMs),
        Jitter = TimeSpan.Zero,
    });
}
