using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Hosting;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Hosting;

/// <summary>DnsHost.CreateBuilder: lists from the command line replace the settings files' lists whole.</summary>
public sealed class DnsHostTests
{
    private const string Settings = """
        {
          "Forwarding": {
            "Upstreams": [ "192.0.2.1", "192.0.2.2", "192.0.2.3" ],
            "AllowRecursion": [ "10.0.0.0/8", "192.168.0.0/16" ]
          }
        }
        """;

    private TempDirectory _folder = null!;
    private string _settingsFile = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempDirectory();
        _settingsFile = _folder.Write("settings.json", Settings);
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void CreateBuilder_ForwardGiven_ReplacesTheFilesUpstreamsRatherThanMergingByIndex()
    {
        ForwardingOptions options = Bind("--config", _settingsFile, "--forward", "127.0.0.1:5353");

        Assert.That(options.Upstreams, Is.EqualTo(new[] { "127.0.0.1:5353" }));
        Assert.That(options.AllowRecursion, Is.EqualTo(new[] { "10.0.0.0/8", "192.168.0.0/16" }), "not given: the file's");
    }

    [Test]
    public void CreateBuilder_AllowRecursionGiven_ReplacesTheFilesNetworks()
    {
        ForwardingOptions options = Bind("--config", _settingsFile, "--allow-recursion", "127.0.0.1");

        Assert.That(options.AllowRecursion, Is.EqualTo(new[] { "127.0.0.1" }));
        Assert.That(options.Upstreams, Is.EqualTo(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" }));
    }

    [Test]
    public void CreateBuilder_NeitherGiven_KeepsTheFilesLists()
    {
        ForwardingOptions options = Bind("--config", _settingsFile);

        Assert.That(options.Upstreams, Is.EqualTo(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" }));
        Assert.That(options.AllowRecursion, Is.EqualTo(new[] { "10.0.0.0/8", "192.168.0.0/16" }));
    }

    private static ForwardingOptions Bind(params string[] args)
    {
        Assert.That(CommandLineArguments.TryParse(args, out CommandLineArguments? command, out string? error), Is.True, error);
        HostApplicationBuilder builder = DnsHost.CreateBuilder(command!);
        builder.Services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.SectionName);
        using ServiceProvider services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ForwardingOptions>>().Value;
    }
}
