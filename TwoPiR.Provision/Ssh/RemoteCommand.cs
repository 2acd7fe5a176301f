namespace TwoPiR.Provision.Ssh;

/// <summary>A command for a node's shell: one quoted line, and optionally text for its standard input.</summary>
/// <param name="Line">The shell command line, already quoted with <see cref="ShellQuote"/>.</param>
/// <param name="Input">Text written to the command's standard input, e.g. a file's new content.</param>
internal sealed record RemoteCommand(string Line, string? Input = null)
{
    /// <summary>A program and its arguments, each quoted: <c>Of("gluster", "volume", "info", name)</c>.</summary>
    public static RemoteCommand Of(params string[] words) => new(ShellQuote.Join(words));

    /// <summary>A line with shell syntax (pipes, redirections, <c>&amp;&amp;</c>); callers quote every value in it.</summary>
    public static RemoteCommand Script(string line, string? input = null) => new(line, input);

    /// <summary>
    /// The command as plans print it, ready to paste into a shell: input becomes a here-document fed to
    /// the whole line (in braces, as <c>sh -c</c> on the node feeds it), not just to its last command.
    /// </summary>
    public override string ToString() =>
        Input is null ? Line : $"{{ {Line}; }} <<'TWOPIR'\n{Input.TrimEnd('\n')}\nTWOPIR";
}
