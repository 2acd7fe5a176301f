namespace TwoPiR.Provision.Gluster;

/// <summary>A gluster command reported failure in its XML (<c>opRet</c> not 0), whatever its exit code said.</summary>
internal sealed class GlusterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GlusterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GlusterException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public GlusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
