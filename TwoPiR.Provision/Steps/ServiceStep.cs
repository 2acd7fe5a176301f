using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>Enables a systemd unit and starts it now. Debian installs glusterd stopped and disabled.</summary>
/// <param name="unit">The unit, e.g. <c>glusterd</c>.</param>
/// <param name="scope">The nodes it runs on.</param>
internal sealed class ServiceStep(string unit, StepScope scope) : Step
{
    /// <inheritdoc/>
    public override string Name => unit;

    /// <inheritdoc/>
    public override StepScope Scope => scope;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        CommandResult result = await context.RunAsync(
            RemoteCommand.Script($"systemctl is-enabled --quiet {unit} && systemctl is-active --quiet {unit}"), cancellationToken);
        return result.Succeeded;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [RemoteCommand.Of("systemctl", "enable", "--now", unit)];
}
