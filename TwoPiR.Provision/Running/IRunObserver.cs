using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Running;

/// <summary>Hears what a run does as it happens, for progress on the console.</summary>
internal interface IRunObserver
{
    /// <summary>A step starts on a target.</summary>
    public void StepStarted(string target, string step);

    /// <summary>A step finished on a target.</summary>
    public void StepFinished(StepResult result);

    /// <summary>Something the operator should read: a warning, or where the zone's serial went.</summary>
    public void Note(string message);
}
