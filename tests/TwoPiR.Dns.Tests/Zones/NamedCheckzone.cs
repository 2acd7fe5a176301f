using System.Diagnostics;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>Runs BIND's real <c>named-checkzone</c>, the reference our zone parser is held to.</summary>
internal static class NamedCheckzone
{
    /// <summary>The options of the corpus README: check-names off, BIND's <c>check-integrity yes</c>.</summary>
    public static readonly string[] CheckOptions = ["-k", "ignore", "-i", "local"];

    /// <summary>The executable: <c>$NAMED_CHECKZONE</c> as verify.sh honours it, else the first on PATH; null if there is none.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Checks <paramref name="fileName"/> as zone <c>example.com</c>, from <paramref name="workingDirectory"/>.</summary>
    /// <returns>The exit code and everything printed.</returns>
    public static Task<Result> CheckAsync(string workingDirectory, string fileName, CancellationToken cancellationToken) =>
        RunAsync(workingDirectory, [.. CheckOptions, "example.com", fileName], cancellationToken);

    /// <summary>Dumps <paramref name="fileName"/> in BIND's canonical full form; the records go to standard output.</summary>
    public static Task<Result> DumpAsync(string workingDirectory, string fileName, CancellationToken cancellationToken) =>
        RunAsync(workingDirectory, [.. CheckOptions, "-D", "-s", "full", "-o", "-", "example.com", fileName], cancellationToken);

    private static async Task<Result> RunAsync(string workingDirectory, string[] arguments, CancellationToken cancellationToken)
    {
        ProcessStartInfo start = new(Executable ?? throw new InvalidOperationException("install named-checkzone (bind9-utils)"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("named-checkzone did not start");
        try
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("NAMED_CHECKZONE");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Append("/usr/sbin").Append("/usr/bin")
            .Select(folder => Path.Combine(folder, "named-checkzone"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>What one run gave.</summary>
    /// <param name="ExitCode">0 when BIND accepts the zone.</param>
    /// <param name="Output">Standard output: the messages in check mode, the records in dump mode.</param>
    /// <param name="Error">Standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error);
}
