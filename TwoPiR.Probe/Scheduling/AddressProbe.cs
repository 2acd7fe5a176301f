using System.Net;
using Microsoft.Extensions.Logging;
using TwoPiR.Probe.Checks;
using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Scheduling;

/// <summary>
/// The probe loop of one address: a round now (after a random pause of up to the jitter), then one
/// per interval on a timer, each delayed by fresh jitter, so servers checking the same nodes drift
/// apart rather than march in step. Rounds never overlap: a round that overruns skips ticks.
/// </summary>
internal sealed class AddressProbe(IPAddress address, CheckPlan plan, CheckRound round, HealthTable table, ProbeMetrics metrics, TimeProvider time, ILogger logger)
{
    /// <summary>The plan the loop runs.</summary>
    public CheckPlan Plan => plan;

    /// <summary>Probes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using PeriodicTimer timer = new(plan.Interval, time);
            do
            {
                await PauseAsync(cancellationToken);
                CheckResult result = await RunRoundAsync(cancellationToken);
                metrics.RecordRound(address, result);
                table.Record(address, result);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The address left the zone, its check changed, or the server is stopping.
        }
#pragma warning disable CA1031 // A bug in one loop must not take the server down; the address keeps its last state and the error is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ProbeLog.ProbeLoopFailed(logger, address, ex);
        }
    }

    private async Task<CheckResult> RunRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await round.RunAsync(address, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A check that cannot even run is a failed round, and the loop goes on: an address must
            // never keep a stale state because its probe died.
            return new CheckResult(false, $"check error: {ex.Message}", TimeSpan.Zero);
        }
    }

    private Task PauseAsync(CancellationToken cancellationToken)
    {
        TimeSpan jitter = plan.Jitter * Random.Shared.NextDouble();
        return jitter > TimeSpan.Zero ? Task.Delay(jitter, time, cancellationToken) : Task.CompletedTask;
    }
}
