using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TwoPiR.Probe.Checks;

/// <summary>
/// One round against one address: each attempt bounded by the plan's timeout, failed attempts
/// retried after a short pause, and the whole round bounded too. Polly does the bounding and the
/// retrying; it never schedules rounds.
/// </summary>
internal sealed class CheckRound
{
    private readonly IHealthCheck _check;
    private readonly ResiliencePipeline<CheckResult> _pipeline;
    private readonly TimeProvider _time;
    private readonly CheckPlan _plan;

    /// <summary>Creates the round for <paramref name="plan"/>.</summary>
    public CheckRound(IHealthCheck check, CheckPlan plan, TimeProvider time)
    {
        _check = check;
        _plan = plan;
        _time = time;
        ResiliencePipelineBuilder<CheckResult> builder = new() { TimeProvider = time };
        builder.AddTimeout(plan.RoundLimit);
        if (plan.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<CheckResult>
            {
                MaxRetryAttempts = plan.Retries,
                Delay = CheckPlan.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder<CheckResult>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(result => !result.Passed),
            });
        }

        // Added last, so innermost: it bounds each attempt.
        _pipeline = builder.AddTimeout(plan.Timeout).Build();
    }

    /// <summary>Runs the round; never throws but for <paramref name="cancellationToken"/>.</summary>
    public async Task<CheckResult> RunAsync(IPAddress address, CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        try
        {
            CheckResult result = await _pipeline.ExecuteAsync(
                static async (state, token) => await state.Check.CheckAsync(state.Address, token),
                (Check: _check, Address: address),
                cancellationToken);
            return result with { Latency = _time.GetElapsedTime(started) };
        }
        catch (TimeoutRejectedException)
        {
            return new CheckResult(false, $"timed out after {Seconds(_plan.Timeout)}", _time.GetElapsedTime(started));
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###}s";
}
