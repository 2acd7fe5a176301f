using System.Diagnostics;
using System.Globalization;
using System.Net;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tools;

/// <summary>
/// Runs the real dig (BIND 9) against a server on 127.0.0.1 and parses what it prints. The tests
/// never skip without it: a missing dig fails the fixture.
/// </summary>
public static class Dig
{
    /// <summary>The message a fixture fails with when dig is missing.</summary>
    public const string InstallHint = "install dig (bind9-dnsutils)";

    private static readonly Lazy<string?> s_path = new(FindOnPath);

    private static readonly TimeSpan s_lenientRunLimit = TimeSpan.FromSeconds(10);

    /// <summary>Whether dig is on the PATH.</summary>
    public static bool IsInstalled => s_path.Value is not null;

    /// <summary>Fails the calling fixture unless dig is on the PATH.</summary>
    public static void EnsureInstalled()
    {
        if (s_path.Value is null)
        {
            Assert.Fail(InstallHint);
        }
    }

    /// <summary>Runs <c>dig @127.0.0.1 -p PORT +nocmd +nostats ARGUMENTS</c> and parses its output.</summary>
    /// <param name="port">The server's port.</param>
    /// <param name="arguments">
    /// dig arguments separated by single spaces, e.g. <c>+tcp big.example.com TXT</c>; <c>-b 127.0.0.99 …</c>
    /// asks from another loopback address, to look like another client.
    /// </param>
    /// <param name="cancellationToken">Kills dig when cancelled.</param>
    /// <returns>Everything dig printed, parsed; fails the test if dig itself failed.</returns>
    public static async Task<DigOutput> RunAsync(int port, string arguments, CancellationToken cancellationToken) =>
        DigOutputParser.Parse(await ExecuteAsync(port, arguments, cancellationToken));

    /// <summary>Runs dig for one query and returns the one response it printed.</summary>
    /// <inheritdoc cref="RunAsync" path="/param"/>
    public static async Task<DigMessage> QueryAsync(int port, string arguments, CancellationToken cancellationToken)
    {
        DigOutput output = await RunAsync(port, arguments, cancellationToken);
        Assert.That(output.Messages, Has.Count.EqualTo(1), $"dig {arguments} printed other than one response:\n{output.Text}");
        return output.Messages[0];
    }

    /// <summary>Runs dig with <c>+short</c>: the answer's RDATA, one record a line, in the order received.</summary>
    /// <inheritdoc cref="RunAsync" path="/param"/>
    public static async Task<string[]> ShortAsync(int port, string arguments, CancellationToken cancellationToken)
    {
        string text = await ExecuteAsync(port, "+short " + arguments, cancellationToken);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(line => line.StartsWith(';')), Is.Empty, $"dig reported a problem:\n{text}");
        return lines;
    }

    /// <summary>
    /// <c>dig @127.0.0.1 -p PORT NAME TYPE +short</c>, lenient: for polling a server that may not
    /// answer (yet, or any more), so a timeout gives an empty answer rather than a failed test.
    /// </summary>
    /// <returns>The answers, one per line; empty when there are none or the server did not answer.</returns>
    public static Task<string[]> AnswersAsync(int port, string name, string type, CancellationToken cancellationToken, bool tcp = false) =>
        AnswersAsync(new IPEndPoint(IPAddress.Loopback, port), name, type, cancellationToken, tcp);

    /// <summary><c>dig @ADDRESS -p PORT NAME TYPE +short</c>, lenient like <see cref="AnswersAsync(int, string, string, CancellationToken, bool)"/>.</summary>
    /// <returns>The answers, one per line; empty when there are none or the server did not answer.</returns>
    public static async Task<string[]> AnswersAsync(IPEndPoint server, string name, string type, CancellationToken cancellationToken, bool tcp = false)
    {
        await using ChildProcess dig = await ChildProcess.RunAsync(
            "dig",
            [
                "-r", $"@{server.Address}", "-p", server.Port.ToString(CultureInfo.InvariantCulture), name, type,
                "+short", "+time=1", "+tries=2", tcp ? "+tcp" : "+notcp",
            ],
            Environment.CurrentDirectory,
            s_lenientRunLimit,
            cancellationToken);

        // dig prints ";; communications error ..." and similar on stdout even with +short.
        return [.. dig.OutputLines.Where(line => line.Length > 0 && !line.StartsWith(';'))];
    }

    private static async Task<string> ExecuteAsync(int port, string arguments, CancellationToken cancellationToken)
    {
        string path = s_path.Value ?? throw new InvalidOperationException(InstallHint);
        ProcessStartInfo start = new(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LC_ALL"] = "C";

        // -r: ignore ~/.digrc. One try of two seconds: loopback does not lose datagrams, and a hang shows fast.
        string[] all = ["-r", "@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+nocmd", "+nostats", "+time=2", "+tries=1",
            .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        foreach (string argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text = await stdout, errors = await stderr;
        Assert.That(process.ExitCode, Is.Zero, $"dig {arguments} failed:\n{text}{errors}");
        return text;
    }

    private static string? FindOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "dig"))
            .FirstOrDefault(File.Exists);
}
