using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Probe.Health;
using TwoPiR.Probe.Scheduling;
using TwoPiR.Testing;

namespace TwoPiR.Probe.Tests;

/// <summary>
/// What the prober's parts need around them in a test: settings whose state file lies in a fresh
/// temporary folder (never the real one in the home folder), captured logs, a clock and a meter factory.
/// </summary>
internal sealed class ProbeHarness : IDisposable
{
    /// <summary>The checked name most tests use.</summary>
    public const string Name = "twopir.example.com";

    private readonly TempDirectory _folder = new();
    private readonly ILoggerFactory _loggers;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    /// <summary>Creates the harness on <paramref name="time"/>, by default a <see cref="ManualTimeProvider"/>.</summary>
    public ProbeHarness(TimeProvider? time = null)
    {
        Time = time ?? new ManualTimeProvider();
        Settings = new ProbeOptions { StateFile = Path.Combine(_folder.Path, "state", "probe-state.json") };
        _loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
    }

    /// <summary>The clock every part gets.</summary>
    public TimeProvider Time { get; }

    /// <summary>The clock, when it is manual.</summary>
    public ManualTimeProvider Clock => (ManualTimeProvider)Time;

    /// <summary>Every log entry so far.</summary>
    public ListLoggerProvider Logs { get; } = new();

    /// <summary>The prober's settings; add names before creating a table.</summary>
    public ProbeOptions Settings { get; }

    /// <summary>The state file the tables use.</summary>
    public string StateFile => Settings.StateFile!;

    /// <summary>Adds (or replaces) the checked <paramref name="name"/> with <paramref name="check"/>.</summary>
    public NameCheckOptions Check(string name, NameCheckOptions check)
    {
        Settings.Names[name] = check;
        return check;
    }

    /// <summary>A table over <see cref="Settings"/>, as the server creates one at start.</summary>
    public HealthTable CreateTable() => new(new OptionsWrapper<ProbeOptions>(Settings), Time, _loggers.CreateLogger<HealthTable>());

    /// <summary>The instruments over <paramref name="table"/>.</summary>
    public ProbeMetrics CreateMetrics(HealthTable table) => new(_services.GetRequiredService<IMeterFactory>(), table);

    /// <summary>A logger into <see cref="Logs"/>.</summary>
    public ILogger<T> Logger<T>() => _loggers.CreateLogger<T>();

    /// <summary>The addresses by name, as the DNS server passes them after a zone load.</summary>
    public static Dictionary<string, IReadOnlyList<IPAddress>> Addresses(params (string Name, string[] Addresses)[] names) =>
        names.ToDictionary(pair => pair.Name, pair => (IReadOnlyList<IPAddress>)[.. pair.Addresses.Select(IPAddress.Parse)]);

    /// <inheritdoc />
    public void Dispose()
    {
        _loggers.Dispose();
        _services.Dispose();
        _folder.Dispose();
    }
}
