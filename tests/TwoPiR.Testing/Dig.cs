using System.Globalization;
using System.Net;

namespace TwoPiR.Testing;

/// <summary>Runs the real <c>dig</c> (bind9-dnsutils) against a server under test.</summary>
public static class Dig
{
    /// <summary>What to tell someone whose machine has no <c>dig</c>.</summary>
    public const string InstallHint = "install dig (bind9-dnsutils)";

    private static readonly TimeSpan s_runLimit = TimeSpan.FromSeconds(10);

    /// <summary>Whether <c>dig</c> is on the PATH.</summary>
    public static bool IsInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "dig")));

    /// <summary><c>dig @127.0.0.1 -p PORT NAME TYPE +short</c>.</summary>
    /// <returns>The answers, one per line; empty when there are none or the server did not answer.</returns>
    public static Task<string[]> ShortAsync(int port, string name, string type, CancellationToken cancellationToken) =>
        ShortAsync(new IPEndPoint(IPAddress.Loopback, port), name, type, cancellationToken);

    /// <summary><c>dig @ADDRESS -p PORT NAME TYPE +short</c>.</summary>
    /// <returns>The answers, one per line; empty when there are none or the server did not answer.</returns>
    public static async Task<string[]> ShortAsync(IPEndPoint server, string name, string type, CancellationToken cancellationToken)
    {
        await using ChildProcess dig = await ChildProcess.RunAsync(
            "dig",
            [
                $"@{server.Address}", "-p", server.Port.ToString(CultureInfo.InvariantCulture), name, type,
                "+short", "+time=1", "+tries=2",
            ],
            Environment.CurrentDirectory,
            s_runLimit,
            cancellationToken);

        // dig prints ";; communications error ..." and similar on stdout even with +short.
        return [.. dig.OutputLines.Where(line => line.Length > 0 && !line.StartsWith(';'))];
    }
}
