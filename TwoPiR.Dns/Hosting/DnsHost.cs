using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Server;

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
        }
        catch (OptionsValidationException ex)
        {
            host?.Dispose();
            return Fail(ex.Failures);
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

    private static async Task<int> ServeAsync(IHost host)
    {
        try
        {
            // Sockets before the host starts, so a taken port is one line, not a stack trace.
            host.Services.GetRequiredService<DnsServerService>().Bind();
            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (ListenException ex)
        {
            Console.Error.WriteLine($"{Program}: {ex.Message}");
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
