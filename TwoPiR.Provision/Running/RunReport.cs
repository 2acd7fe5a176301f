using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Running;

/// <summary>What an apply did.</summary>
/// <param name="Results">Every step on every target, in the order they finished.</param>
/// <param name="Notes">Warnings and remarks.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="RoundTrips">Commands sent over SSH.</param>
internal sealed record RunReport(IReadOnlyList<StepResult> Results, IReadOnlyList<string> Notes, TimeSpan Elapsed, int RoundTrips)
{
    /// <summary>Whether every step ended ok or changed.</summary>
    public bool Succeeded => Results.All(result => result.Outcome != StepOutcome.Failed);

    /// <summary>How many results had <paramref name="outcome"/>.</summary>
    public int Count(StepOutcome outcome) => Results.Count(result => result.Outcome == outcome);
}
