namespace TwoPiR.Provision.Running;

/// <summary>One step on one target in a plan, with the commands it would run.</summary>
/// <param name="Target">The node's name, or <c>cluster (on NODE)</c> / <c>local</c>.</param>
/// <param name="Step">The step's name.</param>
/// <param name="Commands">What would run, exactly.</param>
/// <param name="Status">For a live plan: why it would run (missing, or cannot check yet); empty for a plain plan.</param>
internal sealed record PlanEntry(string Target, string Step, IReadOnlyList<string> Commands, string Status);
