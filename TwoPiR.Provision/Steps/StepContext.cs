using System.Security.Cryptography;
using System.Text;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>What a step sees: the cluster, the node it runs on, and a shell on every node.</summary>
internal sealed class StepContext
{
    private readonly IReadOnlyDictionary<string, INodeShell> _shells;
    private readonly Action<string> _note;

    /// <summary>Creates the context of one step on one node.</summary>
    public StepContext(ClusterSpec cluster, ClusterNode node, IReadOnlyDictionary<string, INodeShell> shells, TimeProvider time, Action<string> note)
    {
        Cluster = cluster;
        Node = node;
        _shells = shells;
        Time = time;
        _note = note;
    }

    /// <summary>The cluster file's content.</summary>
    public ClusterSpec Cluster { get; }

    /// <summary>The node the step runs on; for cluster-wide steps, the first node.</summary>
    public ClusterNode Node { get; }

    /// <summary>The clock bounded waits use.</summary>
    public TimeProvider Time { get; }

    /// <summary>The shell on <see cref="Node"/>.</summary>
    public INodeShell Shell => ShellOf(Node);

    /// <summary>The shell on another node.</summary>
    public INodeShell ShellOf(ClusterNode node) => _shells[node.Name];

    /// <summary>The same context, on another node.</summary>
    public StepContext For(ClusterNode node) => new(Cluster, node, _shells, Time, _note);

    /// <summary>Reports something the operator should know, without failing the step.</summary>
    public void Note(string message) => _note(message);

    /// <summary>Runs a command on <see cref="Node"/>; a non-zero exit is returned, not thrown.</summary>
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken) =>
        Shell.RunAsync(command, cancellationToken);

    /// <summary>Runs a command on <paramref name="node"/> and fails the step, naming the command and its stderr, if it exits non-zero.</summary>
    public async Task<CommandResult> MustAsync(ClusterNode node, RemoteCommand command, CancellationToken cancellationToken)
    {
        CommandResult result = await ShellOf(node).RunAsync(command, cancellationToken);
        if (!result.Succeeded)
        {
            string said = (result.Error.Trim().Length > 0 ? result.Error : result.Output).Trim();
            throw new StepFailedException($"on {node.Name}: `{command.Line}` exited {result.ExitCode}: {(said.Length > 0 ? said : "(no output)")}");
        }

        return result;
    }

    /// <summary>Runs a command on <see cref="Node"/>, failing the step if it exits non-zero.</summary>
    public Task<CommandResult> MustAsync(RemoteCommand command, CancellationToken cancellationToken) =>
        MustAsync(Node, command, cancellationToken);

    /// <summary>Runs a gluster command on <paramref name="node"/> and reads its XML; failure in <c>opRet</c> is returned, not thrown.</summary>
    public async Task<GlusterReply> GlusterAsync(ClusterNode node, CancellationToken cancellationToken, params string[] arguments)
    {
        RemoteCommand command = GlusterCommand(arguments);
        CommandResult result = await ShellOf(node).RunAsync(command, cancellationToken);
        try
        {
            return GlusterReply.Parse(result.Output, result.Error);
        }
        catch (GlusterException ex)
        {
            throw new StepFailedException($"on {node.Name}: `{command.Line}` exited {result.ExitCode}: {ex.Message}", ex);
        }
    }

    /// <summary>Runs a gluster command on <paramref name="node"/>, failing the step with glusterd's reason unless <c>opRet</c> is 0.</summary>
    public Task<GlusterReply> MustGlusterAsync(ClusterNode node, CancellationToken cancellationToken, params string[] arguments) =>
        MustGlusterAsync(node, alreadyDone: null, cancellationToken, arguments);

    /// <summary>
    /// Like <see cref="MustGlusterAsync(ClusterNode, CancellationToken, string[])"/>, but a failure whose reason contains
    /// <paramref name="alreadyDone"/> (e.g. "already exists") counts as success: a step's earlier, interrupted run got that far.
    /// </summary>
    public async Task<GlusterReply> MustGlusterAsync(ClusterNode node, string? alreadyDone, CancellationToken cancellationToken, params string[] arguments)
    {
        GlusterReply reply = await GlusterAsync(node, cancellationToken, arguments);
        return reply.Succeeded || (alreadyDone is not null && reply.Error.Contains(alreadyDone, StringComparison.OrdinalIgnoreCase))
            ? reply
            : throw new StepFailedException($"on {node.Name}: `{GlusterCommand(arguments).Line}` failed: {(reply.Error.Length > 0 ? reply.Error : "opRet " + reply.OpRet)}");
    }

    /// <summary>A gluster command in script mode (no prompts) with XML output.</summary>
    public static RemoteCommand GlusterCommand(params string[] arguments) =>
        RemoteCommand.Of(["gluster", "--mode=script", .. arguments, "--xml"]);

    /// <summary>Whether the file at <paramref name="path"/> on <see cref="Node"/> holds exactly <paramref name="content"/>.</summary>
    public async Task<bool> FileHoldsAsync(string path, string content, CancellationToken cancellationToken)
    {
        CommandResult result = await RunAsync(RemoteCommand.Of("sha256sum", path), cancellationToken);
        return result.Succeeded && result.Output.StartsWith(Sha256(content) + " ", StringComparison.Ordinal);
    }

    /// <summary>The command that replaces <paramref name="path"/> with <paramref name="content"/> atomically, making its folder.</summary>
    public static RemoteCommand WriteFile(string path, string content)
    {
        string folder = ShellQuote.Quote(Path.GetDirectoryName(path)!);
        string temporary = ShellQuote.Quote(path + ".twopir-new");
        return RemoteCommand.Script($"mkdir -p {folder} && cat > {temporary} && mv -f {temporary} {ShellQuote.Quote(path)}", content);
    }

    /// <summary>
    /// The command that appends <paramref name="lines"/> to <paramref name="path"/>. A file whose last line
    /// lacks its newline gets one first: appended bare, the new entry would be glued onto that line.
    /// </summary>
    public static RemoteCommand AppendLines(string path, string lines)
    {
        string file = ShellQuote.Quote(path);
        return RemoteCommand.Script($"if test -s {file} && test -n \"$(tail -c 1 {file})\"; then echo >> {file}; fi; cat >> {file}", lines);
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="content"/> in UTF-8, as sha256sum prints it.</summary>
    public static string Sha256(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>Polls <paramref name="condition"/> until it holds, at most <paramref name="tries"/> times <paramref name="interval"/> apart.</summary>
    public async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, int tries, TimeSpan interval, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= tries; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            if (attempt < tries)
            {
                await Task.Delay(interval, Time, cancellationToken);
            }
        }

        return false;
    }
}
