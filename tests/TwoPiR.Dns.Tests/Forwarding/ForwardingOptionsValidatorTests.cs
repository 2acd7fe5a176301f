using Microsoft.Extensions.Options;
using TwoPiR.Dns.Forwarding;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>ForwardingOptionsValidator (addresses, networks, no forwarding to ourselves) and the declared ranges.</summary>
public sealed class ForwardingOptionsValidatorTests
{
    [Test]
    public void Validate_Defaults_Succeeds()
    {
        Assert.That(Validate(new ForwardingOptions()).Succeeded, Is.True);
    }

    [Test]
    public void Validate_GoodUpstreamsAndNetworks_Succeeds()
    {
        ForwardingOptions options = new()
        {
            Upstreams = { "192.0.2.1", "127.0.0.1:5353", "2001:db8::1", "[2001:db8::2]:5353" },
            AllowRecursion = { "10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1" },
        };

        ValidateOptionsResult result = Validate(options);

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("192.0.2.1:0")]
    [TestCase("192.0.2.1:65536")]
    [TestCase("dns.example.com")]
    [TestCase("[192.0.2.1]:53")]
    [TestCase("")]
    public void Validate_BadUpstream_FailsNamingTheOptionAndTheValue(string upstream)
    {
        ValidateOptionsResult result = Validate(new ForwardingOptions { Upstreams = { upstream } });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Exactly(1).StartsWith($"--forward (Forwarding:Upstreams): '{upstream}' is not ADDRESS"));
    }

    [TestCase("10.0.0.0/33")]
    [TestCase("::/129")]
    [TestCase("everyone")]
    [TestCase("10.0.0.0/")]
    public void Validate_BadNetwork_FailsNamingTheOptionAndTheValue(string network)
    {
        ValidateOptionsResult result = Validate(new ForwardingOptions { AllowRecursion = { network } });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Exactly(1).StartsWith($"--allow-recursion (Forwarding:AllowRecursion): '{network}' is not an address or a network"));
    }

    [Test]
    public void Validate_SeveralMistakes_ReportsEach()
    {
        ValidateOptionsResult result = Validate(new ForwardingOptions { Upstreams = { "a", "b" }, AllowRecursion = { "c" } });

        Assert.That(result.Failures, Has.Exactly(3).Items);
    }

    [TestCase("127.0.0.1:5300", null)] // the default listen address
    [TestCase("127.0.0.1:53", "127.0.0.1:53")]
    [TestCase("127.0.0.1", "127.0.0.1:53")] // the address alone means port 53
    [TestCase("[::1]:5300", "[::1]:5300")]
    [TestCase("::1", "[::1]:53")]
    public void Validate_UpstreamIsWhereWeListen_FailsBecauseItWouldLoop(string upstream, string? listen)
    {
        ValidateOptionsResult result = Validate(new ForwardingOptions { Upstreams = { upstream } }, listen);

        Assert.That(result.Failures, Is.EqualTo(new[] { $"--forward (Forwarding:Upstreams): '{upstream}' is where this server listens; forwarding to itself would loop" }));
    }

    [TestCase("127.0.0.1:5301", "127.0.0.1:5300")] // another port
    [TestCase("127.0.0.2:5300", "127.0.0.1:5300")] // another address
    [TestCase("127.0.0.1:53", "[::1]:53")]
    public void Validate_UpstreamElsewhere_Succeeds(string upstream, string listen)
    {
        Assert.That(Validate(new ForwardingOptions { Upstreams = { upstream } }, listen).Succeeded, Is.True);
    }

    [TestCase("127.0.0.1:5300", "0.0.0.0:5300")]
    [TestCase("[::1]:5300", "[::]:5300")]
    public void Validate_UpstreamOnOurPortWhileListeningOnEveryAddress_FailsBecauseItWouldLoop(string upstream, string listen)
    {
        ValidateOptionsResult result = Validate(new ForwardingOptions { Upstreams = { upstream } }, listen);

        Assert.That(result.Failed, Is.True);
    }

    [TestCase(nameof(ForwardingOptions.Timeout), "00:00:00.049")]
    [TestCase(nameof(ForwardingOptions.Timeout), "00:00:30.001")]
    [TestCase(nameof(ForwardingOptions.SkipAfterFailures), "1")] // one failure is no pattern
    [TestCase(nameof(ForwardingOptions.SkipFor), "00:00:00.499")]
    [TestCase(nameof(ForwardingOptions.CacheEntries), "-1")]
    [TestCase(nameof(ForwardingOptions.MaxCacheTtl), "7.00:00:01")]
    [TestCase(nameof(ForwardingOptions.MaxNegativeTtl), "1.00:00:01")]
    [TestCase(nameof(ForwardingOptions.MaxInFlight), "0")]
    public void RangeValidator_ValueOutOfRange_FailsNamingTheSetting(string setting, string value)
    {
        ForwardingOptions options = new();
        System.Reflection.PropertyInfo property = typeof(ForwardingOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        ValidateOptionsResult result = new ForwardingOptionsRangeValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain(setting));
    }

    [Test]
    public void RangeValidator_Defaults_Succeed()
    {
        Assert.That(new ForwardingOptionsRangeValidator().Validate(null, new ForwardingOptions()).Succeeded, Is.True);
    }

    private static ValidateOptionsResult Validate(ForwardingOptions options, string? listen = null)
    {
        DnsServerOptions server = new();
        if (listen is not null)
        {
            server.Listen.Add(listen);
        }

        return new ForwardingOptionsValidator(Options.Create(server)).Validate(null, options);
    }
}
