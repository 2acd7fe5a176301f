namespace TwoPiR.Provision.Steps;

/// <summary>A step cannot go on: the message says which command failed and what it printed, or what the operator must decide.</summary>
internal sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StepFailedException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
