using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>Where the built twopir-dns is, and how to run it as an operator would: <c>dotnet twopir-dns.dll …</c>.</summary>
internal static class TwoPiRDns
{
    /// <summary>The program's file name.</summary>
    public const string Assembly = "twopir-dns.dll";

    /// <summary>How long a command that should end at once (a usage error, --help, --check) may take.</summary>
    public static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(15);

    /// <summary>The built twopir-dns.dll this test run uses.</summary>
    public static string ProgramPath { get; } = BuiltProgram.Find(Assembly, "TwoPiR.Dns");

    /// <summary>The dotnet host that runs the tests, so the program runs on the same runtime.</summary>
    public static string DotnetHost => BuiltProgram.DotnetHost;

    /// <summary>Starts <c>dotnet twopir-dns.dll ARGS</c> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="arguments">The program's arguments.</param>
    /// <param name="workingDirectory">Its working directory; relative paths in arguments start here.</param>
    /// <param name="environment">Variables to set on top of a clean environment (no inherited <c>TWOPIR_*</c>).</param>
    /// <param name="launcher">A command to run the server under, e.g. <c>prlimit --nofile=200:200</c>.</param>
    public static ChildProcess Start(
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<string>? launcher = null) =>
        launcher is { Count: > 0 }
            ? ChildProcess.Start(launcher[0], [.. launcher.Skip(1), DotnetHost, ProgramPath, .. arguments], workingDirectory, CleanEnvironment(environment))
            : ChildProcess.Start(DotnetHost, [ProgramPath, .. arguments], workingDirectory, CleanEnvironment(environment));

    /// <summary>Runs a command that should end by itself, such as <c>--help</c> or <c>--check</c>.</summary>
    public static Task<ChildProcess> RunAsync(
        IEnumerable<string> arguments,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.RunAsync(DotnetHost, [ProgramPath, .. arguments], workingDirectory, CommandLimit, cancellationToken, CleanEnvironment(environment));

    /// <summary>Inherited <c>TWOPIR_*</c> variables would change what the tests run; drop them, pick a free status port, then add <paramref name="extra"/>.</summary>
    private static Dictionary<string, string?> CleanEnvironment(IReadOnlyDictionary<string, string?>? extra)
    {
        Dictionary<string, string?> environment = Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Where(name => name.StartsWith("TWOPIR_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(name => name, _ => (string?)null);

        // Servers run side by side: each gets its own status port unless a test names one.
        environment["TWOPIR_Status__Listen"] = "127.0.0.1:0";
        foreach ((string name, string? value) in extra ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }
}
