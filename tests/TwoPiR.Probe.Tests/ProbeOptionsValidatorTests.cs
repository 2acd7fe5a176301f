using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TwoPiR.Probe.Tests;

public sealed class ProbeOptionsValidatorTests
{
    private const string Name = "twopir.example.com";

    [Test]
    public void Validate_NoNames_Passes()
    {
        ValidateOptionsResult result = Validate(new Dictionary<string, string?>());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_NameWithDefaults_Passes()
    {
        ValidateOptionsResult result = Validate(new Dictionary<string, string?> { [$"Probe:Names:{Name}:Port"] = "80" });

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_EverySettingAtAGoodValue_Passes()
    {
        ValidateOptionsResult result = Validate(Settings(Name,
            ("Check", "Tcp"), ("Port", "8080"), ("Path", "/health?full=1"), ("Host", "www.twopir.example.com"),
            ("Status", "200,204,300-399"), ("BodyContains", "ok"), ("Interval", "00:00:05"), ("Timeout", "00:00:05"),
            ("Retries", "5"), ("Fall", "100"), ("Rise", "1"), ("Jitter", "00:00:02.500"), ("WhenAllDown", "ServFail"), ("MaxTtl", "00:00:30")));

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("Interval", "00:00:00.100")]
    [TestCase("Interval", "01:00:00")]
    [TestCase("Timeout", "00:00:02")]
    [TestCase("Jitter", "00:00:01")]
    [TestCase("Jitter", "00:00:00")]
    [TestCase("MaxTtl", "00:00:00")]
    [TestCase("Port", "1")]
    [TestCase("Port", "65535")]
    [TestCase("Retries", "0")]
    public void Validate_SettingAtItsBound_Passes(string option, string value)
    {
        Dictionary<string, string?> settings = Settings(Name, (option, value));
        if (option == "Interval")
        {
            settings[$"Probe:Names:{Name}:Timeout"] = "00:00:00.100";
            settings[$"Probe:Names:{Name}:Jitter"] = "00:00:00";
        }

        ValidateOptionsResult result = Validate(settings);

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("Check", "7")]
    [TestCase("Port", "0")]
    [TestCase("Port", "65536")]
    [TestCase("Path", "health")]
    [TestCase("Path", "/a b")]
    [TestCase("Host", "not a host")]
    [TestCase("Host", "a..example")]
    [TestCase("Status", "200-")]
    [TestCase("Status", "99")]
    [TestCase("Interval", "01:00:00.001")]
    [TestCase("Timeout", "00:00:00")]
    [TestCase("Timeout", "-00:00:01")]
    [TestCase("Timeout", "00:00:02.001")]
    [TestCase("Retries", "-1")]
    [TestCase("Retries", "6")]
    [TestCase("Fall", "0")]
    [TestCase("Fall", "101")]
    [TestCase("Rise", "0")]
    [TestCase("Rise", "101")]
    [TestCase("Jitter", "-00:00:00.001")]
    [TestCase("Jitter", "00:00:01.001")]
    [TestCase("WhenAllDown", "9")]
    [TestCase("MaxTtl", "-00:00:01")]
    [TestCase("MaxTtl", "00:00:01.500")]
    public void Validate_BadSetting_FailsNamingTheOption(string option, string value)
    {
        ValidateOptionsResult result = Validate(Settings(Name, (option, value)));

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.One.StartsWith($"Probe:Names:{Name}:{option}: "));
        Assert.That(result.Failures, Has.Exactly(1).Items, "only the bad option is blamed");
    }

    [Test]
    public void Validate_IntervalTooShort_AlsoBlamesTimeoutAndJitterThatNoLongerFit()
    {
        ValidateOptionsResult result = Validate(Settings(Name, ("Interval", "00:00:00.099")));

        Assert.That(result.Failures!.Select(failure => failure.Split(": ")[0]), Is.EquivalentTo(new[]
        {
            $"Probe:Names:{Name}:Interval", $"Probe:Names:{Name}:Timeout", $"Probe:Names:{Name}:Jitter",
        }));
    }

    [Test]
    public void Validate_Timeout_MessageSaysWhy()
    {
        ValidateOptionsResult result = Validate(Settings(Name, ("Timeout", "00:00:05")));

        Assert.That(result.Failures, Is.EqualTo(new[]
        {
            $"Probe:Names:{Name}:Timeout: 00:00:05 must be positive and at most Interval (00:00:02), so a round ends before the next begins",
        }));
    }

    [TestCase("not a name")]
    [TestCase("a..example")]
    [TestCase(".")]
    [TestCase("twopir.example.com/x")]
    [TestCase("ex@mple.com")]
    public void Validate_BadName_FailsNamingIt(string name)
    {
        ValidateOptionsResult result = Validate(Settings(name, ("Port", "80")));

        Assert.That(result.Failures, Is.EqualTo(new[]
        {
            $"Probe:Names:{name}: '{name}' is not a host name (letters, digits, '-' and '_' in dot-separated labels of at most 63)",
        }));
    }

    [Test]
    public void Validate_SameNameWrittenTwoWays_FailsListedTwice()
    {
        Dictionary<string, string?> settings = Settings("a.example.", ("Port", "80"));
        settings["Probe:Names:A.example:Port"] = "81";

        ValidateOptionsResult result = Validate(settings);

        Assert.That(result.Failures, Has.Exactly(1).Items);
        Assert.That(result.Failures, Has.One.Match(@"^Probe:Names:(a\.example\.|A\.example): a\.example is listed twice$"));
    }

    [Test]
    public void Validate_TwoBadNames_ReportsEveryFailure()
    {
        Dictionary<string, string?> settings = Settings("one.example", ("Port", "0"));
        settings["Probe:Names:two.example:Rise"] = "0";

        ValidateOptionsResult result = Validate(settings);

        Assert.That(result.Failures!.Select(failure => failure.Split(": ")[0]), Is.EquivalentTo(new[]
        {
            "Probe:Names:one.example:Port", "Probe:Names:two.example:Rise",
        }));
    }

    [TestCase("twopir.example.com", "twopir.example.com")]
    [TestCase("TwoPiR.Example.COM.", "twopir.example.com")]
    [TestCase("localhost", "localhost")]
    [TestCase("_http._tcp.example", "_http._tcp.example")]
    [TestCase("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void TryNormalizeName_HostName_LowerCaseWithoutFinalDot(string name, string expected)
    {
        bool valid = ProbeOptionsValidator.TryNormalizeName(name, out string normal);

        Assert.That((valid, normal), Is.EqualTo((true, expected)));
    }

    [TestCase("")]
    [TestCase(".")]
    [TestCase("a..b")]
    [TestCase(".a")]
    [TestCase("a b")]
    [TestCase("bücher.example")]
    public void TryNormalizeName_NotAHostName_False(string name)
    {
        Assert.That(ProbeOptionsValidator.TryNormalizeName(name, out _), Is.False);
    }

    [TestCase(63, true)]
    [TestCase(64, false)]
    public void TryNormalizeName_LabelLength_AtMost63(int length, bool valid)
    {
        Assert.That(ProbeOptionsValidator.TryNormalizeName(new string('a', length) + ".example", out _), Is.EqualTo(valid));
    }

    [TestCase(253, true)]
    [TestCase(254, false)]
    public void TryNormalizeName_NameLength_AtMost253(int length, bool valid)
    {
        // Labels of 49 letters and a dot, then letters to make up the length.
        string name = string.Concat(Enumerable.Repeat(new string('a', 49) + ".", length / 50)) + new string('b', length % 50);

        Assert.That((name.Length, ProbeOptionsValidator.TryNormalizeName(name, out _)), Is.EqualTo((length, valid)));
    }

    private static Dictionary<string, string?> Settings(string name, params (string Option, string Value)[] settings) =>
        settings.ToDictionary(setting => $"Probe:Names:{name}:{setting.Option}", setting => (string?)setting.Value);

    private static ValidateOptionsResult Validate(Dictionary<string, string?> settings)
    {
        ProbeOptions options = new();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(ProbeOptions.SectionName).Bind(options);
        return new ProbeOptionsValidator().Validate(Options.DefaultName, options);
    }
}
