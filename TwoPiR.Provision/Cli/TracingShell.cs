using Spectre.Console;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Cli;

/// <summary>For <c>--verbose</c>: prints every remote command and its exit status before passing the result on.</summary>
internal sealed class TracingShell(string node, INodeShell inner, IAnsiConsole console) : INodeShell
{
    /// <inheritdoc/>
    public int RoundTrips => inner.RoundTrips;

    /// <inheritdoc/>
    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        CommandResult result = await inner.RunAsync(command, cancellationToken);
        console.MarkupLineInterpolated($"[grey]{node}$ {command} -> {result.ExitCode}[/]");
        return result;
    }
}
