using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace TwoPiR.Testing;

/// <summary>
/// A program started by a test, its standard output and error captured line by line. Disposing it
/// kills the program (and anything it started) if it is still running, so no child outlives its test.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_killWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcess(Process process) => _process = process;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>The command line, for messages.</summary>
    public string CommandLine => string.Join(' ', [_process.StartInfo.FileName, .. _process.StartInfo.ArgumentList]);

    /// <summary>Whether the program has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code.</summary>
    /// <exception cref="InvalidOperationException">The program is still running.</exception>
    public int ExitCode => _process.ExitCode;

    /// <summary>The lines written to standard output so far.</summary>
    public IReadOnlyList<string> OutputLines => [.. _output];

    /// <summary>The lines written to standard error so far.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errors];

    /// <summary>Standard output so far, lines joined with <c>\n</c>.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Standard error so far, lines joined with <c>\n</c>.</summary>
    public string Errors => string.Join('\n', _errors);

    /// <summary>The command, its exit status if any, and everything it wrote: for assertion messages.</summary>
    public string Transcript =>
        $"$ {CommandLine}{Environment.NewLine}" +
        $"exit: {(HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running")}{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{string.Join(Environment.NewLine, _output)}{Environment.NewLine}" +
        $"--- stderr ---{Environment.NewLine}{string.Join(Environment.NewLine, _errors)}";

    /// <summary>Starts <paramref name="fileName"/>; nothing is read from standard input.</summary>
    /// <param name="fileName">The program, found on PATH unless a path is given.</param>
    /// <param name="arguments">The arguments, passed as they are (no shell).</param>
    /// <param name="workingDirectory">The working directory of the program.</param>
    /// <param name="environment">Variables to set; a <see langword="null"/> value removes the variable.</param>
    /// <exception cref="Win32Exception">The program could not be started, e.g. it is not installed.</exception>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ProcessStartInfo start = new(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process = new() { StartInfo = start };
        ChildProcess child = new(process);
        process.OutputDataReceived += (_, e) => Add(child._output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(child._errors, e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a program to its end.</summary>
    /// <returns>The finished program, with its exit code and output.</returns>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="within"/>; it is killed.</exception>
    public static async Task<ChildProcess> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan within,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ChildProcess child = Start(fileName, arguments, workingDirectory, environment);
        try
        {
            await child.WaitForExitAsync(within, cancellationToken);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the program to exit and for its output to be read to the end.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="within"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"still running after {within.TotalSeconds:0.#} s{Environment.NewLine}{Transcript}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until a line of standard output matches <paramref name="match"/>.</summary>
    /// <returns>The first matching line.</returns>
    /// <exception cref="TimeoutException">No line matched within <paramref name="within"/>, or the program exited first.</exception>
    public Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan within, CancellationToken cancellationToken) =>
        WaitForLineAsync(_output, match, within, cancellationToken);

    /// <summary>Waits until a line of standard output contains <paramref name="text"/>.</summary>
    /// <returns>The first matching line.</returns>
    public Task<string> WaitForOutputAsync(string text, TimeSpan within, CancellationToken cancellationToken) =>
        WaitForLineAsync(_output, line => line.Contains(text, StringComparison.Ordinal), within, cancellationToken);

    /// <summary>Sends a signal with the system's <c>kill</c>, e.g. <c>TERM</c> or <c>HUP</c>.</summary>
    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        await using ChildProcess kill = await RunAsync(
            "kill", [$"-{signal}", Id.ToString(CultureInfo.InvariantCulture)], Environment.CurrentDirectory, TimeSpan.FromSeconds(5), cancellationToken);
        if (kill._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} failed{Environment.NewLine}{kill.Transcript}");
        }
    }

    /// <summary>Kills the program and its children if still running, then releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using CancellationTokenSource timeout = new(s_killWait);
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<string> WaitForLineAsync(
        ConcurrentQueue<string> lines, Func<string, bool> match, TimeSpan within, CancellationToken cancellationToken)
    {
        Stopwatch waited = Stopwatch.StartNew();
        while (true)
        {
            bool exited = _process.HasExited;
            if (exited)
            {
                // The last lines may still be on their way: read the output to its end before the last look.
                await _process.WaitForExitAsync(cancellationToken);
            }

            if (lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (exited || waited.Elapsed > within)
            {
                string why = exited ? "exited" : $"waited {within.TotalSeconds:0.#} s";
                throw new TimeoutException($"no matching line ({why}){Environment.NewLine}{Transcript}");
            }

            await Task.Delay(s_pollInterval, cancellationToken);
        }
    }

    private static void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
