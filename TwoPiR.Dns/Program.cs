using Microsoft.Extensions.Hosting;
using TwoPiR.Dns;
using TwoPiR.Dns.Hosting;
using TwoPiR.Probe;

// Composition root: the command line, the DNS server and the health view it consults.
if (!CommandLineArguments.TryParse(args, out CommandLineArguments? command, out string? error))
{
    return DnsHost.Fail(error);
}

if (command.Help || command.Version)
{
    Console.Out.Write(command.Help ? HelpText.ManPage : $"twopir-dns {DnsHost.Version}{Environment.NewLine}");
    return DnsHost.Success;
}

HostApplicationBuilder builder = DnsHost.CreateBuilder(command);
builder.Services.AddTwoPiRProbe();
builder.Services.AddTwoPiRDns();
using IHost host = builder.Build();
return command.Check ? DnsHost.Check(host) : await DnsHost.RunAsync(host);
