using System.CommandLine;
using Spectre.Console;
using TwoPiR.Provision.Cli;

// Composition root: the command line, the real console and the real clock.
IAnsiConsole console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // A log or a pipe has no width; Spectre would wrap every line at 80 columns.
    console.Profile.Width = 400;
}

ParseResult parsed = ProvisionCommandLine.Build(console, TimeProvider.System).Parse(args);
if (parsed.Errors.Count > 0)
{
    // Usage errors exit 2, as the manual says, with no help page burying the reason.
    foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync("twopir-provision: " + error.Message);
    }

    await Console.Error.WriteLineAsync("Try 'twopir-provision --help'.");
    return ExitCodes.BadInput;
}

return await parsed.InvokeAsync();
