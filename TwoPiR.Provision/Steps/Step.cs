using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// One idempotent piece of the set-up. The runner checks it, acts only when the check fails, then
/// checks again: <see cref="StepOutcome.Changed"/> is reported only once the re-check passes.
/// </summary>
internal abstract class Step
{
    /// <summary>The short name the report and plan show, e.g. <c>glusterd</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Where the step runs.</summary>
    public abstract StepScope Scope { get; }

    /// <summary>Whether the node already is as the step wants it. Reads only.</summary>
    /// <exception cref="StepFailedException">The node is in a state the step must not touch (e.g. a foreign volume).</exception>
    public abstract Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>The commands <see cref="ApplyAsync"/> runs on the step's node, in order.</summary>
    public abstract IReadOnlyList<RemoteCommand> Commands(StepContext context);

    /// <summary>What the plan prints for the step: by default its commands, exactly as they will run.</summary>
    public virtual IEnumerable<string> Describe(StepContext context) => Commands(context).Select(command => command.ToString());

    /// <summary>Makes the node as wanted. By default runs <see cref="Commands"/> in order, stopping at the first failure.</summary>
    public virtual async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        foreach (RemoteCommand command in Commands(context))
        {
            await context.MustAsync(command, cancellationToken);
        }
    }
}
