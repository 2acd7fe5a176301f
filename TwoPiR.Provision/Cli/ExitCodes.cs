namespace TwoPiR.Provision.Cli;

/// <summary>The tool's exit statuses, as <c>--help</c> lists them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything converged, or every check passed.</summary>
    public const int Success = 0;

    /// <summary>A step or check failed; the report says where and why.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the cluster file is wrong; nothing was contacted.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl+C); the next apply finishes the work.</summary>
    public const int Interrupted = 130;
}
