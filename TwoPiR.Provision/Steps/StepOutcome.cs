namespace TwoPiR.Provision.Steps;

/// <summary>What a step did on one node.</summary>
internal enum StepOutcome
{
    /// <summary>Already as wanted: nothing was done.</summary>
    Ok,

    /// <summary>Acted, and the re-check passed.</summary>
    Changed,

    /// <summary>Could not check, act, or converge; the run stops after the current phase.</summary>
    Failed,
}
