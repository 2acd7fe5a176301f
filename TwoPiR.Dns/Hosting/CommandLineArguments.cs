using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace TwoPiR.Dns.Hosting;

/// <summary>The command line of twopir-dns, parsed and checked; see <see cref="HelpText"/>.</summary>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, string?> _settings = [];

    /// <summary>Whether to print the manual and exit.</summary>
    public bool Help { get; private set; }

    /// <summary>Whether to print the version and exit.</summary>
    public bool Version { get; private set; }

    /// <summary>Whether to check the zones and exit instead of serving.</summary>
    public bool Check { get; private set; }

    /// <summary>The operator command, if one was given instead of serving.</summary>
    public AdminCommand Command { get; private set; }

    /// <summary>The address <c>drain</c> and <c>undrain</c> act on.</summary>
    public string? CommandAddress { get; private set; }

    /// <summary>Whether <c>drain</c> may take a name's last address (<c>--force</c>).</summary>
    public bool Force { get; private set; }

    /// <summary>Whether <c>status</c> prints JSON (<c>--json</c>).</summary>
    public bool Json { get; private set; }

    /// <summary>An extra JSON settings file, from <c>--config</c>.</summary>
    public string? ConfigFile { get; private set; }

    /// <summary>Settings given as options, as configuration keys, e.g. <c>Dns:Zones</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The <c>--listen</c> addresses, replacing any from settings files; empty when none were given.</summary>
    public List<string> Listen { get; } = [];

    /// <summary>The <c>--allow-transfer</c> networks, replacing any from settings files; empty when none were given.</summary>
    public List<string> AllowTransfer { get; } = [];

    /// <summary>The <c>--forward</c> upstreams, replacing any from settings files; empty when none were given.</summary>
    public List<string> Forward { get; } = [];

    /// <summary>The <c>--allow-recursion</c> networks, replacing any from settings files; empty when none were given.</summary>
    public List<string> AllowRecursion { get; } = [];

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="parsed">The parsed command line.</param>
    /// <param name="error">One line naming the option at fault.</param>
    /// <returns><see langword="false"/> when the command line is wrong.</returns>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out CommandLineArguments? parsed, [NotNullWhen(false)] out string? error)
    {
        CommandLineArguments result = new();
        parsed = null;
        for (int i = 0; i < args.Length; i++)
        {
            (string option, string? inlineValue) = SplitOption(args[i]);
            error = option switch
            {
                "-h" or "--help" => SetFlag(() => result.Help = true, inlineValue, option),
                "-V" or "--version" => SetFlag(() => result.Version = true, inlineValue, option),
                "--check" => SetFlag(() => result.Check = true, inlineValue, option),
                "--force" => SetFlag(() => result.Force = true, inlineValue, option),
                "--json" => SetFlag(() => result.Json = true, inlineValue, option),
                "-z" or "--zones" or "-l" or "--listen" or "--allow-transfer" or "--forward" or "--allow-recursion" or "-c" or "--config" or "--log-level" or "--status" =>
                    TakeValue(args, ref i, option, inlineValue, out string? value) ?? result.Apply(option, value!),
                "status" or "drain" or "undrain" when result.Command == AdminCommand.None => result.SetCommand(args, ref i, option),
                _ when option.StartsWith('-') => $"unknown option '{option}'",
                _ => $"unexpected argument '{option}' (options start with --)",
            };
            if (error is not null)
            {
                return false;
            }
        }

        error = result.Command switch
        {
            AdminCommand.None when result.Force || result.Json => "--force and --json go with the status, drain and undrain commands",
            not AdminCommand.None when result.Check => "--check serves no command",
            not AdminCommand.Drain when result.Force => "--force goes with drain only",
            not AdminCommand.Status when result.Json => "--json goes with status only",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        parsed = result;
        return true;
    }

    private string? SetCommand(string[] args, ref int index, string command)
    {
        Command = command switch
        {
            "status" => AdminCommand.Status,
            "drain" => AdminCommand.Drain,
            _ => AdminCommand.Undrain,
        };
        if (Command == AdminCommand.Status)
        {
            return null;
        }

        if (index + 1 >= args.Length || args[index + 1].StartsWith('-'))
        {
            return $"{command} needs the node's address, e.g. {command} 192.0.2.11";
        }

        CommandAddress = args[++index];
        return System.Net.IPAddress.TryParse(CommandAddress, out System.Net.IPAddress? address) && address.ToString() == CommandAddress
            ? null
            : $"{command} '{CommandAddress}': not an IP address as the zone writes it";
    }

    private string? Apply(string option, string value)
    {
        switch (option)
        {
            case "-z" or "--zones":
                _settings["Dns:Zones"] = value;
                return null;
            case "-l" or "--listen":
                Listen.Add(value);
                return AddressText.TryParseEndpoint(value, out _)
                    ? null
                    : $"{option} '{value}': expected ADDRESS:PORT or [IPv6]:PORT, e.g. 127.0.0.1:5300 or [::1]:5300";
            case "--allow-transfer":
                AllowTransfer.Add(value);
                return AddressText.TryParseNetwork(value, out _)
                    ? null
                    : $"{option} '{value}': expected an address or a network such as 192.0.2.0/24";
            case "--forward":
                Forward.Add(value);
                return AddressText.TryParseServer(value, out _)
                    ? null
                    : $"{option} '{value}': expected ADDRESS, ADDRESS:PORT or [IPv6]:PORT, e.g. 192.168.1.1 or 127.0.0.1:5353";
            case "--allow-recursion":
                AllowRecursion.Add(value);
                return AddressText.TryParseNetwork(value, out _)
                    ? null
                    : $"{option} '{value}': expected an address or a network such as 192.168.1.0/24";
            case "--status":
                _settings["Status:Listen"] = value;
                return AddressText.TryParseEndpoint(value, out _)
                    ? null
                    : $"{option} '{value}': expected ADDRESS:PORT, e.g. 127.0.0.1:8053";
            case "-c" or "--config":
                ConfigFile = value;
                return File.Exists(value) ? null : $"{option} '{value}': no such file";
            default:
                if (!Enum.TryParse(value, ignoreCase: true, out LogLevel level) || !Enum.IsDefined(level) || !value.All(char.IsAsciiLetter))
                {
                    return $"{option} '{value}': expected trace, debug, information, warning, error, critical or none";
                }

                // The level also governs the framework's own lines, which appsettings.json sets apart.
                _settings["Logging:LogLevel:Default"] = value;
                _settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = value;
                _settings["Logging:LogLevel:Microsoft"] = (level > LogLevel.Warning ? level : LogLevel.Warning).ToString();
                return null;
        }
    }

    private static string? SetFlag(Action set, string? inlineValue, string option)
    {
        if (inlineValue is not null)
        {
            return $"{option} takes no value";
        }

        set();
        return null;
    }

    private static string? TakeValue(string[] args, ref int index, string option, string? inlineValue, out string? value)
    {
        value = inlineValue;
        if (value is null && index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            value = args[++index];
        }

        return string.IsNullOrEmpty(value) ? $"{option} needs a value" : null;
    }

    private static (string Option, string? Value) SplitOption(string argument)
    {
        int equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }
}
