using Spectre.Console;
using TwoPiR.Provision.Cli;

// Composition root: the command line, the real console and the real clock.
IAnsiConsole console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // A log or a pipe has no width; Spectre would wrap every line at 80 columns.
    console.Profile.Width = 400;
}

return await ProvisionCommandLine.Build(console, TimeProvider.System).Parse(args).InvokeAsync();
