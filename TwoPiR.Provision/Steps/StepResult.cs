namespace TwoPiR.Provision.Steps;

/// <summary>One row of the run's report.</summary>
/// <param name="Target">The node's name, or <c>cluster</c> / <c>local</c>.</param>
/// <param name="Step">The step's name.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Detail">Why it failed, or a warning; empty otherwise.</param>
/// <param name="Elapsed">Time spent on it.</param>
internal sealed record StepResult(string Target, string Step, StepOutcome Outcome, string Detail, TimeSpan Elapsed);
