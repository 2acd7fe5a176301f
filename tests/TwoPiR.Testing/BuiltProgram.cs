using System.Reflection;

namespace TwoPiR.Testing;

/// <summary>Finds one of our built programs, to run it as an operator would: <c>dotnet NAME.dll …</c>.</summary>
public static class BuiltProgram
{
    /// <summary>The dotnet host that runs the tests, so programs run on the same runtime.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Beside the test assembly (a project reference copies it there), else in PROJECT/bin/CONFIGURATION/TFM,
    /// this run's configuration first. A program without its runtimeconfig.json cannot start, so it does not count.
    /// </summary>
    /// <param name="assembly">The program's file, e.g. <c>twopir-dns.dll</c>.</param>
    /// <param name="project">Its project folder in the repository, e.g. <c>TwoPiR.Dns</c>.</param>
    /// <exception cref="FileNotFoundException">It is not built.</exception>
    public static string Find(string assembly, string project)
    {
        string testFolder = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        string targetFramework = Path.GetFileName(testFolder);
        string configuration = typeof(BuiltProgram).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string bin = RepositoryFiles.PathOf(Path.Combine(project, "bin"));
        string[] candidates =
        [
            Path.Combine(testFolder, assembly),
            Path.Combine(bin, configuration, targetFramework, assembly),
            .. new[] { "Debug", "Release" }.Except([configuration]).Select(other => Path.Combine(bin, other, targetFramework, assembly)),
        ];
        return candidates.FirstOrDefault(IsRunnable)
            ?? throw new FileNotFoundException($"no runnable {assembly}; build {project} first. Looked at:{Environment.NewLine}{string.Join(Environment.NewLine, candidates)}");
    }

    private static bool IsRunnable(string assembly) =>
        File.Exists(assembly) && File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json"));
}
