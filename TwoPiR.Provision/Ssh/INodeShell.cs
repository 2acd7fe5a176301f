namespace TwoPiR.Provision.Ssh;

/// <summary>Runs commands on one node, as root (directly or through sudo), with <c>LC_ALL=C</c>.</summary>
internal interface INodeShell
{
    /// <summary>How many commands have been run, for the report of round trips.</summary>
    public int RoundTrips { get; }

    /// <summary>Runs <paramref name="command"/> and returns its status and output; a non-zero exit is not an exception.</summary>
    /// <exception cref="SshException">The node could not be reached, or refused us.</exception>
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken);
}
