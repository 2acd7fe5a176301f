namespace TwoPiR.Provision.Ssh;

/// <summary>What a remote command did.</summary>
/// <param name="ExitCode">The command's exit status; 255 is ssh's own failure.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>Whether the command exited 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
