namespace TwoPiR.Dns.Hosting;

/// <summary>An operator command that talks to a running server instead of serving.</summary>
internal enum AdminCommand
{
    /// <summary>No command: serve.</summary>
    None,

    /// <summary>Print what the prober believes about every node.</summary>
    Status,

    /// <summary>Leave an address out of answers.</summary>
    Drain,

    /// <summary>Serve a drained address again.</summary>
    Undrain,
}
