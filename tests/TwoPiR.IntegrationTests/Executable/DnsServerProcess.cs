using System.Net;
using System.Text.RegularExpressions;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>A running twopir-dns, started by a test and killed when the test disposes it.</summary>
internal sealed partial class DnsServerProcess : IAsyncDisposable
{
    /// <summary>How long the server may take to start listening or to stop.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(15);

    private DnsServerProcess(ChildProcess process, IReadOnlyList<IPEndPoint> udp, IReadOnlyList<IPEndPoint> tcp)
    {
        Process = process;
        UdpEndpoints = udp;
        TcpEndpoints = tcp;
    }

    /// <summary>The program and what it has written.</summary>
    public ChildProcess Process { get; }

    /// <summary>Every UDP address it logged "Listening on udp" for, in order.</summary>
    public IReadOnlyList<IPEndPoint> UdpEndpoints { get; }

    /// <summary>Every TCP address it logged "Listening on tcp" for, in order.</summary>
    public IReadOnlyList<IPEndPoint> TcpEndpoints { get; }

    /// <summary>The port of the first UDP address.</summary>
    public int Port => UdpEndpoints[0].Port;

    /// <summary>Starts the server and waits until it listens and the host has started.</summary>
    /// <param name="arguments">The program's arguments; give --listen with port 0 unless the test needs a fixed port.</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="cancellationToken">The test's token.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="launcher">A command to run the server under, e.g. <c>prlimit --nofile=200:200</c>.</param>
    /// <exception cref="TimeoutException">It exited or did not start listening in time; the message has its output.</exception>
    public static async Task<DnsServerProcess> StartAsync(
        IEnumerable<string> arguments,
        string workingDirectory,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<string>? launcher = null)
    {
        ChildProcess process = TwoPiRDns.Start(arguments, workingDirectory, environment, launcher);
        try
        {
            await process.WaitForOutputAsync("Listening on udp ", StartLimit, cancellationToken);

            // Every listener is logged before the server says it is ready.
            await process.WaitForOutputAsync("Ready: answering on ", StartLimit, cancellationToken);
            return new DnsServerProcess(process, Endpoints(process, "udp"), Endpoints(process, "tcp"));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for the server to exit.</summary>
    /// <returns>The exit status.</returns>
    public async Task<int> TerminateAsync(CancellationToken cancellationToken)
    {
        await Process.SignalAsync("TERM", cancellationToken);
        return await Process.WaitForExitAsync(StartLimit, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static IPEndPoint[] Endpoints(ChildProcess process, string transport) =>
        [.. process.OutputLines
            .Select(line => ListeningPattern().Match(line))
            .Where(match => match.Success && match.Groups["transport"].Value == transport)
            .Select(match => IPEndPoint.Parse(match.Groups["endpoint"].Value))];

    [GeneratedRegex(@"Listening on (?<transport>udp|tcp) (?<endpoint>\S+)$")]
    private static partial Regex ListeningPattern();
}
