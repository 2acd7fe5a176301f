using TwoPiR.Dns.Hosting;

namespace TwoPiR.Dns.Tests.Hosting;

/// <summary>--forward and --allow-recursion.</summary>
public sealed partial class CommandLineArgumentsTests
{
    [Test]
    public void TryParse_NoForwardingOptions_BothListsEmpty()
    {
        CommandLineArguments parsed = Parse();

        Assert.That(parsed.Forward, Is.Empty);
        Assert.That(parsed.AllowRecursion, Is.Empty);
    }

    [Test]
    public void TryParse_ForwardRepeated_KeepsEveryUpstreamInOrderOutsideSettings()
    {
        CommandLineArguments parsed = Parse("--forward", "192.0.2.1", "--forward=127.0.0.1:5353", "--forward", "[2001:db8::1]:53", "--forward", "2001:db8::2");

        Assert.That(parsed.Forward, Is.EqualTo(new[] { "192.0.2.1", "127.0.0.1:5353", "[2001:db8::1]:53", "2001:db8::2" }));
        Assert.That(parsed.Settings, Is.Empty, "lists replace the files' lists in DnsHost, rather than merging by index");
    }

    [Test]
    public void TryParse_AllowRecursionRepeated_KeepsEveryNetworkInOrderOutsideSettings()
    {
        CommandLineArguments parsed = Parse("--allow-recursion", "192.0.2.7", "--allow-recursion=10.0.0.0/8", "--allow-recursion", "fd00::/8");

        Assert.That(parsed.AllowRecursion, Is.EqualTo(new[] { "192.0.2.7", "10.0.0.0/8", "fd00::/8" }));
        Assert.That(parsed.Settings, Is.Empty);
    }

    [TestCase("192.0.2.1:0")]
    [TestCase("192.0.2.1:65536")]
    [TestCase("192.0.2.1:")]
    [TestCase("dns.example.com")]
    [TestCase("[192.0.2.1]:53")]
    [TestCase("010.0.0.1")]
    [TestCase("192.0.2.0/24")]
    public void TryParse_BadForward_NamesOptionAndValue(string value)
    {
        string error = Error("--forward", value);

        Assert.That(error, Is.EqualTo($"--forward '{value}': expected ADDRESS, ADDRESS:PORT or [IPv6]:PORT, e.g. 192.168.1.1 or 127.0.0.1:5353"));
    }

    [TestCase("everyone")]
    [TestCase("10.0.0.0/33")]
    [TestCase("2001:db8::/129")]
    [TestCase("10.1")]
    [TestCase("[2001:db8::1]:53")]
    public void TryParse_BadAllowRecursion_NamesOptionAndValue(string value)
    {
        string error = Error("--allow-recursion", value);

        Assert.That(error, Is.EqualTo($"--allow-recursion '{value}': expected an address or a network such as 192.168.1.0/24"));
    }

    [TestCase("--forward")]
    [TestCase("--allow-recursion")]
    public void TryParse_ForwardingOptionWithoutValue_NeedsAValue(string option)
    {
        Assert.That(Error(option), Is.EqualTo($"{option} needs a value"));
        Assert.That(Error($"{option}="), Is.EqualTo($"{option} needs a value"));
        Assert.That(Error(option, "--check"), Is.EqualTo($"{option} needs a value"), "the next option is not its value");
    }
}
