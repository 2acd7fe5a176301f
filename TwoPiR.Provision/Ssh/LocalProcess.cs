using System.ComponentModel;
using System.Diagnostics;

namespace TwoPiR.Provision.Ssh;

/// <summary>Runs a program on this machine with an argument list (no shell), feeding input and collecting output.</summary>
internal static class LocalProcess
{
    /// <summary>Runs <paramref name="program"/> to completion; on cancellation it is killed.</summary>
    /// <exception cref="SshException">The program is not installed.</exception>
    public static async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
    {
        ProcessStartInfo start = new(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = new() { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new SshException($"cannot run {program}: {ex.Message}; install the OpenSSH client (openssh-client)", ex);
        }

        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
