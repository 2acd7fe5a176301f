namespace TwoPiR.Provision.Cluster;

/// <summary>The cluster file cannot be used; the message names the file, and the line or key.</summary>
internal sealed class ClusterFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterFileException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ClusterFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
