namespace TwoPiR.Provision.Ssh;

/// <summary>ssh itself failed (exit 255): the node is unreachable, its host key unknown, or our key refused.</summary>
internal sealed class SshException : Exception
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public SshException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SshException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SshException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
