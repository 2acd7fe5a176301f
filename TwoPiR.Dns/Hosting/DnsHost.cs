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
    /// <summary>Exit status for a clean stop.</summary>
    public const int Success = 0;

    /// <summary>Exit status when the server could not serve.</summary>
    public const int Failure = 1;

    /// <summary>Exit status for a bad command line or bad settings.</summary>
    public const int Usage = 2;

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

    /// <summary>Runs the host until SIGTERM or SIGINT.</summary>
    /// <returns>The exit status.</returns>
    public static async Task<int> RunAsync(IHost host)
    {
        try
        {
            // Settings and sockets first, so their failures are reported here in one line rather
            // than by the host as a stack trace.
            _ = host.Services.GetRequiredService<IOptions<DnsServerOptions>>().Value;
            host.Services.GetRequiredService<DnsServerService>().Bind();
            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            foreach (string failure in ex.Failures)
            {
                Console.Error.WriteLine($"{Program}: {failure}");
            }

            return Usage;
        }
        catch (ListenException ex)
        {
            Console.Error.WriteLine($"{Program}: {ex.Message}");
            return Failure;
        }
    }

    /// <summary>Runs <c>--check</c> against the configured zones folder.</summary>
    public static int Check(IHost host)
    {
        try
        {
            string zones = host.Services.GetRequiredService<IOptions<DnsServerOptions>>().Value.Zones;
            return Directory.Exists(zones)
                ? ZoneCheck.Run(zones, Console.Out, Console.Error)
                : Fail($"--zones (Dns:Zones): the folder '{zones}' does not exist");
        }
        catch (OptionsValidationException ex)
        {
            return Fail(ex.Failures.First());
        }
    }

    /// <summary>Reports a bad command line, with the way to the manual.</summary>
    public static int Fail(string error)
    {
        Console.Error.WriteLine($"{Program}: {error}");
        Console.Error.WriteLine($"Try '{Program} --help' for the manual.");
        return Usage;
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
