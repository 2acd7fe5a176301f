using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Server;
using TwoPiR.Probe.Status;

namespace TwoPiR.Dns.Hosting;

/// <summary>Builds the generic host from the command line and turns its fate into an exit status.</summary>
internal static class DnsHost
{
    private const string Program = "twopir-dns";

    /// <summary>The program's version, from the assembly.</summary>
    public static string Version =>
        typeof(DnsHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Creates a host builder with settings from files, environment and <paramref name="command"/>, in rising priority.</summary>
    public static HostApplicationBuilder CreateBuilder(CommandLineArguments command)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = Program,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (command.ConfigFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        builder.Configuration.AddEnvironmentVariables("TWOPIR_");
        builder.Configuration.AddInMemoryCollection(command.Settings);
        builder.Services.PostConfigure<DnsServerOptions>(options =>
        {
            // Lists from the command line replace lists from files rather than merging by index.
            Replace(options.Listen, command.Listen);
            Replace(options.AllowTransfer, command.AllowTransfer);
        });
        builder.Services.PostConfigure<ForwardingOptions>(options =>
        {
            Replace(options.Upstreams, command.Forward);
            Replace(options.AllowRecursion, command.AllowRecursion);
        });

        // Our own lines say when the server listens and stops; the host's banner is noise in a journal.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        return builder;
    }

    /// <summary>
    /// Builds the host from <paramref name="command"/> with the services <paramref name="compose"/>
    /// adds, then serves until SIGTERM or SIGINT, or runs <c>--check</c>.
    /// </summary>
    /// <returns>The exit status; bad settings of any kind give one line on stderr and <see cref="DnsExitCode.Usage"/>.</returns>
    public static async Task<int> RunAsync(CommandLineArguments command, Action<IServiceCollection> compose)
    {
        IHost? host = null;
        DnsServerOptions options;
        try
        {
            // Settings are read, bound and checked up front, so every mistake in them is reported
            // here in one line, rather than by the host as a stack trace and a crash.
            HostApplicationBuilder builder = CreateBuilder(command);
            compose(builder.Services);
            host = builder.Build();
            options = host.Services.GetRequiredService<IOptions<DnsServerOptions>>().Value;
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            host?.Dispose();
            return Fail(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            // Several settings sections failed at once: report every failure of every section.
            host?.Dispose();
            return Fail(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures));
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException)
        {
            // A value that does not convert (TWOPIR_Dns__TcpIdleTimeout=soon) names its key; a broken
            // JSON file names the file, and its inner exception the place.
            host?.Dispose();
            return Fail([ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message]);
        }

        using (host)
        {
            return command.Check ? ZoneCheck.Run(options.Zones, Console.Out, Console.Error) : await ServeAsync(host);
        }
    }

    /// <summary>Runs <c>status</c>, <c>drain</c> or <c>undrain</c> against the server the same settings describe.</summary>
    /// <returns>0 when done, 1 when the server could not be reached or refused, 2 for bad settings.</returns>
    public static async Task<int> RunCommandAsync(CommandLineArguments command)
    {
        string endpoint;
        try
        {
            endpoint = StatusCommands.StatusEndpoint(CreateBuilder(command).Configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException)
        {
            return Fail([ex.Message]);
        }

        if (!AddressText.TryParseEndpoint(endpoint, out _))
        {
            return Fail([$"Status:Listen is '{endpoint}': the status endpoint is off or unusable, so there is no server to ask"]);
        }

        using CancellationTokenSource interrupt = new();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
        return command.Command == AdminCommand.Status
            ? await StatusCommands.StatusAsync(endpoint, command.Json, Console.Out, Console.Error, interrupt.Token)
            : await StatusCommands.DrainAsync(endpoint, command.CommandAddress!, command.Command == AdminCommand.Drain, command.Force, Console.Out, Console.Error, interrupt.Token);
    }

    private static async Task<int> ServeAsync(IHost host)
    {
        try
        {
            // Sockets before the host starts, so a taken port is one line, not a stack trace.
            host.Services.GetRequiredService<DnsServerService>().Bind();
            await host.Services.GetRequiredService<StatusEndpointService>().StartAsync(CancellationToken.None);
            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (ListenException ex)
        {
            Console.Error.WriteLine($"{Program}: {ex.Message}");
            return DnsExitCode.Failure;
        }
        catch (IOException ex) when (ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
        {
            // Kestrel's own words name the status endpoint's address and the reason.
            Console.Error.WriteLine($"{Program}: status endpoint (Status:Listen): {ex.Message}");
            return DnsExitCode.Failure;
        }
    }

    private static int Fail(IEnumerable<string> failures)
    {
        foreach (string failure in failures)
        {
            Console.Error.WriteLine($"{Program}: {failure}");
        }

        return DnsExitCode.Usage;
    }

    /// <summary>Reports a bad command line, with the way to the manual.</summary>
    public static int Fail(string error)
    {
        Console.Error.WriteLine($"{Program}: {error}");
        Console.Error.WriteLine($"Try '{Program} --help' for the manual.");
        return DnsExitCode.Usage;
    }

    private static void Replace(ICollection<string> target, List<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        target.Clear();
        values.ForEach(target.Add);
    }
}
