using Spectre.Console;
using TwoPiR.Provision.Cli;

// Composition root: the command line, the real console and the real clock.
return await ProvisionCommandLine.Build(AnsiConsole.Console, TimeProvider.System).Parse(args).InvokeAsync();
