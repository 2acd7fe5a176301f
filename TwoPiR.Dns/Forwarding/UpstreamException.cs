namespace TwoPiR.Dns.Forwarding;

/// <summary>An upstream answered our question with something that cannot be relayed.</summary>
internal sealed class UpstreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpstreamException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public UpstreamException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public UpstreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
