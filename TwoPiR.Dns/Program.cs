using TwoPiR.Dns;
using TwoPiR.Dns.Hosting;
using TwoPiR.Probe;

if (!CommandLineArguments.TryParse(args, out CommandLineArguments? command, out string? error))
{
    return DnsHost.Fail(error);
}

if (command.Help || command.Version)
{
    Console.Out.Write(command.Help ? HelpText.ManPage : $"twopir-dns {DnsHost.Version}{Environment.NewLine}");
    return DnsExitCode.Success;
}

if (command.Command != AdminCommand.None)
{
    return await DnsHost.RunCommandAsync(command);
}

// Composition root: the DNS server and the health view it consults.
return await DnsHost.RunAsync(command, services => services.AddTwoPiRProbe().AddTwoPiRDns());
