using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tools;

/// <summary>
/// Loads a page in headless Chromium (Debian package <c>chromium</c>) and returns the DOM it built.
/// A missing browser fails the test: it never skips.
/// </summary>
public static class Chromium
{
    /// <summary>The message a test fails with when Chromium is missing.</summary>
    public const string InstallHint = "install chromium (Debian package chromium; scripts/test installs it)";

    private static readonly TimeSpan s_runLimit = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string?> s_path = new(() => FindOnPath("chromium") ?? FindOnPath("chromium-browser"));

    /// <summary>Whether Chromium is on the PATH.</summary>
    public static bool IsInstalled => s_path.Value is not null;

    /// <summary>
    /// Runs <c>chromium --headless --no-sandbox --dump-dom PAGE</c> with a fresh profile. Every
    /// request but to loopback goes to a proxy that is not there, and no host but 127.0.0.1 resolves,
    /// so the browser's own background traffic never leaves the machine.
    /// </summary>
    /// <param name="page">A page on 127.0.0.1.</param>
    /// <param name="cancellationToken">Kills the browser when cancelled.</param>
    /// <returns>The serialized DOM after the page loaded.</returns>
    public static async Task<string> DumpDomAsync(Uri page, CancellationToken cancellationToken)
    {
        string path = s_path.Value ?? throw new InvalidOperationException(InstallHint);
        using TempDirectory profile = new();
        await using ChildProcess browser = await ChildProcess.RunAsync(
            path,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                $"--user-data-dir={profile.Path}",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--disable-domain-reliability", "--no-pings", "--metrics-recording-only",
                "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--dump-dom", page.ToString(),
            ],
            profile.Path,
            s_runLimit,
            cancellationToken);
        Assert.That(browser.ExitCode, Is.Zero, browser.Transcript);
        return browser.Output;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
