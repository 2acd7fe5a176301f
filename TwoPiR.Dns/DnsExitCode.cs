namespace TwoPiR.Dns;

/// <summary>The exit statuses of twopir-dns, as <c>--help</c> documents them.</summary>
internal static class DnsExitCode
{
    /// <summary>Stopped cleanly, or <c>--check</c> found every zone good.</summary>
    public const int Success = 0;

    /// <summary>Could not serve (an address in use, a listener that died), or <c>--check</c> found a broken zone.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or settings; restarting will not help (see the systemd unit).</summary>
    public const int Usage = 2;
}
