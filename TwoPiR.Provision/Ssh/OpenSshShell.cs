using TwoPiR.Provision.Cluster;

namespace TwoPiR.Provision.Ssh;

/// <summary>
/// Runs commands on a node through the system's OpenSSH client. The first command opens a master
/// connection (ControlMaster) that later ones reuse, so a step's check costs one round trip, not a handshake.
/// </summary>
internal sealed class OpenSshShell : INodeShell
{
    private readonly ClusterNode _node;
    private readonly string _controlPath;
    private int _roundTrips;

    /// <summary>Creates a shell for <paramref name="node"/> whose master connection lives at <paramref name="controlDirectory"/>.</summary>
    public OpenSshShell(ClusterNode node, string controlDirectory)
    {
        _node = node;
        _controlPath = Path.Combine(controlDirectory, node.Name);
    }

    /// <inheritdoc/>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>The full ssh argument list for a remote line, as <see cref="RunAsync"/> passes it.</summary>
    public IReadOnlyList<string> ArgumentsFor(string remoteLine)
    {
        SshLogin login = _node.Ssh;
        List<string> arguments =
        [
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "ControlMaster=auto",
            "-o", "ControlPath=" + _controlPath,
            "-o", "ControlPersist=60",
            "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=5",
            "-o", "LogLevel=ERROR",
            "-p", login.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-l", login.User,
        ];
        if (login.Identity is { } identity)
        {
            arguments.AddRange(["-i", identity, "-o", "IdentitiesOnly=yes"]);
        }

        if (login.KnownHosts is { } knownHosts)
        {
            arguments.AddRange(["-o", "UserKnownHostsFile=" + knownHosts]);
        }

        arguments.AddRange([_node.Address.ToString(), "--", RemoteLine(remoteLine, login.Sudo)]);
        return arguments;
    }

    /// <inheritdoc/>
    public async Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _roundTrips);
        CommandResult result = await LocalProcess.RunAsync("ssh", ArgumentsFor(command.Line), command.Input, cancellationToken);
        return result.ExitCode == 255 ? throw new SshException(Explain(result.Error)) : result;
    }

    /// <summary>Closes the master connection, so no ssh process outlives the run.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_controlPath))
        {
            return;
        }

        List<string> arguments = ["-o", "ControlPath=" + _controlPath, "-O", "exit", _node.Address.ToString()];
        await LocalProcess.RunAsync("ssh", arguments, null, cancellationToken);
    }

    // The login shell reads the line once; sh -c reads it again, so the line is quoted as one word.
    // LC_ALL=C keeps every tool's output in the English and number format we parse.
    private static string RemoteLine(string line, bool sudo) =>
        (sudo ? "sudo -n " : "") + "env LC_ALL=C sh -c " + ShellQuote.Quote(line);

    private string Explain(string stderr)
    {
        string said = stderr.Trim();
        string address = _node.Address.ToString();
        if (said.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal))
        {
            return $"{_node}: its SSH host key has CHANGED since it was recorded. If the node was reinstalled, check the new key's fingerprint "
                + $"on its console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and replace the old entry (ssh-keygen -R {address}); "
                + "otherwise someone may be in the middle. ssh said: " + said;
        }

        if (said.Contains("Host key verification failed", StringComparison.Ordinal) || said.Contains("No ED25519 host key is known", StringComparison.Ordinal)
            || said.Contains("host key is known", StringComparison.Ordinal))
        {
            return $"{_node}: its SSH host key is not known, and we never accept one blindly. Check the fingerprint on the node's console "
                + $"(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then record it: ssh-keyscan -p {_node.Ssh.Port} {address} >> {_node.Ssh.KnownHosts ?? "~/.ssh/known_hosts"}";
        }

        if (said.Contains("Permission denied", StringComparison.Ordinal))
        {
            return $"{_node}: SSH refused our key for user {_node.Ssh.User}. Install it on the node (ssh-copy-id -p {_node.Ssh.Port} {_node.Ssh.User}@{address}) "
                + "or set ssh.identity in the cluster file. ssh said: " + said;
        }

        return $"{_node}: cannot reach it over SSH (port {_node.Ssh.Port}). ssh said: {(said.Length > 0 ? said : "nothing (exit 255)")}";
    }
}
