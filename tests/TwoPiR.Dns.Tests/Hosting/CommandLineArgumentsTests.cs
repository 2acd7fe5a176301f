using TwoPiR.Dns.Hosting;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Hosting;

public sealed partial class CommandLineArgumentsTests
{
    private TempDirectory _folder = null!;
    private string _configFile = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempDirectory();
        _configFile = _folder.Write("settings.json", "{}");
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void TryParse_NoArguments_ServesWithDefaults()
    {
        CommandLineArguments parsed = Parse();

        Assert.That(parsed.Help, Is.False);
        Assert.That(parsed.Version, Is.False);
        Assert.That(parsed.Check, Is.False);
        Assert.That(parsed.ConfigFile, Is.Null);
        Assert.That(parsed.Settings, Is.Empty);
        Assert.That(parsed.Listen, Is.Empty);
        Assert.That(parsed.AllowTransfer, Is.Empty);
    }

    [Test]
    public void TryParse_Status_StatusCommand()
    {
        CommandLineArguments parsed = Parse("status", "--json");

        Assert.That(parsed.Command, Is.EqualTo(AdminCommand.Status));
        Assert.That(parsed.Json, Is.True);
    }

    [TestCase("drain")]
    [TestCase("undrain")]
    public void TryParse_DrainCommands_TakeTheAddress(string command)
    {
        CommandLineArguments parsed = Parse(command, "192.0.2.12", "--status", "127.0.0.1:9000");

        Assert.That(parsed.Command, Is.EqualTo(command == "drain" ? AdminCommand.Drain : AdminCommand.Undrain));
        Assert.That(parsed.CommandAddress, Is.EqualTo("192.0.2.12"));
        Assert.That(parsed.Settings["Status:Listen"], Is.EqualTo("127.0.0.1:9000"));
    }

    [Test]
    public void TryParse_DrainForce_SetsForce()
    {
        Assert.That(Parse("drain", "2001:db8::1", "--force").Force, Is.True);
    }

    [TestCase(new[] { "drain" }, "drain needs the node's address, e.g. drain 192.0.2.11")]
    [TestCase(new[] { "drain", "--force" }, "drain needs the node's address, e.g. drain 192.0.2.11")]
    [TestCase(new[] { "drain", "010.0.0.1" }, "drain '010.0.0.1': not an IP address as the zone writes it")]
    [TestCase(new[] { "undrain", "node1" }, "undrain 'node1': not an IP address as the zone writes it")]
    [TestCase(new[] { "undrain", "[2001:db8::1]:22" }, "undrain '[2001:db8::1]:22': not an IP address as the zone writes it")]
    [TestCase(new[] { "--force" }, "--force and --json go with the status, drain and undrain commands")]
    [TestCase(new[] { "status", "--force" }, "--force goes with drain only")]
    [TestCase(new[] { "drain", "192.0.2.1", "--json" }, "--json goes with status only")]
    [TestCase(new[] { "status", "--check" }, "--check serves no command")]
    [TestCase(new[] { "status", "status" }, "unexpected argument 'status' (options start with --)")]
    [TestCase(new[] { "--status", "localhost:8053" }, "--status 'localhost:8053': expected ADDRESS:PORT, e.g. 127.0.0.1:8053")]
    public void TryParse_BadCommand_OneLineNamingIt(string[] arguments, string expected)
    {
        Assert.That(Error(arguments), Is.EqualTo(expected));
    }

    [TestCase("-h")]
    [TestCase("--help")]
    public void TryParse_Help_SetsHelp(string option)
    {
        Assert.That(Parse(option).Help, Is.True);
    }

    [TestCase("-V")]
    [TestCase("--version")]
    public void TryParse_Version_SetsVersion(string option)
    {
        Assert.That(Parse(option).Version, Is.True);
    }

    [Test]
    public void TryParse_Check_SetsCheck()
    {
        Assert.That(Parse("--check").Check, Is.True);
    }

    [TestCase("--help=yes", "--help")]
    [TestCase("--version=1", "--version")]
    [TestCase("--check=all", "--check")]
    public void TryParse_FlagWithInlineValue_NamesTheFlag(string argument, string option)
    {
        Assert.That(Error(argument), Is.EqualTo($"{option} takes no value"));
    }

    [TestCase("-z", "/srv/zones")]
    [TestCase("--zones", "/srv/zones")]
    public void TryParse_ZonesAsSeparateValue_SetsDnsZones(string option, string value)
    {
        Assert.That(Parse(option, value).Settings["Dns:Zones"], Is.EqualTo(value));
    }

    [Test]
    public void TryParse_ZonesInline_SetsDnsZones()
    {
        Assert.That(Parse("--zones=/srv/zones").Settings["Dns:Zones"], Is.EqualTo("/srv/zones"));
    }

    [Test]
    public void TryParse_ZonesInlineWithEqualsInValue_KeepsEverythingAfterTheFirstEquals()
    {
        Assert.That(Parse("--zones=/srv/a=b").Settings["Dns:Zones"], Is.EqualTo("/srv/a=b"));
    }

    [TestCase("-l", "127.0.0.1:5300")]
    [TestCase("--listen", "127.0.0.1:5300")]
    [TestCase("--listen", "0.0.0.0:53")]
    [TestCase("--listen", "127.0.0.1:0")]
    [TestCase("--listen", "[::1]:5300")]
    [TestCase("--listen", "[::]:53")]
    public void TryParse_ListenAsSeparateValue_AddsTheAddress(string option, string value)
    {
        Assert.That(Parse(option, value).Listen, Is.EqualTo(new[] { value }));
    }

    [TestCase("--listen=127.0.0.1:5300", "127.0.0.1:5300")]
    [TestCase("--listen=[::1]:5300", "[::1]:5300")]
    public void TryParse_ListenInline_AddsTheAddress(string argument, string value)
    {
        Assert.That(Parse(argument).Listen, Is.EqualTo(new[] { value }));
    }

    [Test]
    public void TryParse_ListenRepeated_KeepsEveryAddressInOrder()
    {
        CommandLineArguments parsed = Parse("--listen", "127.0.0.1:5300", "-l", "[::1]:5300", "--listen=127.0.0.2:53");

        Assert.That(parsed.Listen, Is.EqualTo(new[] { "127.0.0.1:5300", "[::1]:5300", "127.0.0.2:53" }));
    }

    [Test]
    public void TryParse_Listen_DoesNotGoThroughSettings()
    {
        // Lists from the command line replace lists from files; indexed settings would merge with them.
        Assert.That(Parse("--listen", "127.0.0.1:5300").Settings, Is.Empty);
    }

    [TestCase("1.2.3.4")]
    [TestCase("nonsense:53")]
    [TestCase("localhost:53")]
    [TestCase("127.0.0.1:")]
    [TestCase("127.0.0.1:65536")]
    [TestCase("127.0.0.1:-1")]
    [TestCase("::1:5300")]
    [TestCase("[::1]")]
    [TestCase("[::1]5300")]
    [TestCase(":53")]
    [TestCase("010.0.0.1:53")] // IPAddress.TryParse reads a leading zero as octal: 8.0.0.1
    public void TryParse_BadListenAddress_NamesOptionAndValue(string value)
    {
        string error = Error("--listen", value);

        Assert.That(error, Does.StartWith($"--listen '{value}': expected ADDRESS:PORT or [IPv6]:PORT"));
        Assert.That(error, Does.Not.Contain("\n"));
    }

    [Test]
    public void TryParse_BadShortListenAddress_NamesTheShortOption()
    {
        Assert.That(Error("-l", "1.2.3.4"), Does.StartWith("-l '1.2.3.4': "));
    }

    [TestCase("192.0.2.7")]
    [TestCase("192.0.2.0/24")]
    [TestCase("2001:db8::7")]
    [TestCase("2001:db8::/32")]
    [TestCase("0.0.0.0/0")]
    public void TryParse_AllowTransfer_AddsTheNetwork(string value)
    {
        Assert.That(Parse("--allow-transfer", value).AllowTransfer, Is.EqualTo(new[] { value }));
    }

    [Test]
    public void TryParse_AllowTransferRepeated_KeepsEveryNetworkInOrder()
    {
        CommandLineArguments parsed = Parse("--allow-transfer", "192.0.2.7", "--allow-transfer=192.0.2.128/25");

        Assert.That(parsed.AllowTransfer, Is.EqualTo(new[] { "192.0.2.7", "192.0.2.128/25" }));
        Assert.That(parsed.Settings, Is.Empty);
    }

    [TestCase("nonsense")]
    [TestCase("192.0.2.0/33")]
    [TestCase("192.0.2.0/")]
    [TestCase("192.0.2")] // IPAddress.TryParse reads this inet_aton shorthand as 192.0.0.2
    [TestCase("10.1")] // ... and this as 10.0.0.1
    [TestCase("010.0.0.1")] // ... and this, octal, as 8.0.0.1
    [TestCase("010.0.0.0/8")]
    [TestCase("2001:db8::/129")]
    [TestCase("[2001:db8::1]:53")] // IPAddress.TryParse takes this, dropping the port
    public void TryParse_BadNetwork_NamesOptionAndValue(string value)
    {
        string error = Error("--allow-transfer", value);

        Assert.That(error, Is.EqualTo($"--allow-transfer '{value}': expected an address or a network such as 192.0.2.0/24"));
    }

    [TestCase("-c")]
    [TestCase("--config")]
    public void TryParse_ConfigOfExistingFile_SetsConfigFile(string option)
    {
        Assert.That(Parse(option, _configFile).ConfigFile, Is.EqualTo(_configFile));
    }

    [Test]
    public void TryParse_ConfigInline_SetsConfigFile()
    {
        Assert.That(Parse($"--config={_configFile}").ConfigFile, Is.EqualTo(_configFile));
    }

    [Test]
    public void TryParse_ConfigOfMissingFile_NamesOptionAndFile()
    {
        string missing = Path.Combine(_folder.Path, "missing.json");

        Assert.That(Error("--config", missing), Is.EqualTo($"--config '{missing}': no such file"));
    }

    [Test]
    public void TryParse_ConfigOfAFolder_NamesOptionAndFolder()
    {
        Assert.That(Error("-c", _folder.Path), Is.EqualTo($"-c '{_folder.Path}': no such file"));
    }

    [TestCase("trace")]
    [TestCase("debug")]
    [TestCase("information")]
    [TestCase("warning")]
    [TestCase("error")]
    [TestCase("critical")]
    [TestCase("none")]
    [TestCase("Warning")]
    [TestCase("DEBUG")]
    public void TryParse_LogLevel_SetsTheDefaultLevel(string level)
    {
        Assert.That(Parse("--log-level", level).Settings["Logging:LogLevel:Default"], Is.EqualTo(level));
    }

    [Test]
    public void TryParse_LogLevelInline_SetsTheDefaultLevel()
    {
        Assert.That(Parse("--log-level=debug").Settings["Logging:LogLevel:Default"], Is.EqualTo("debug"));
    }

    [TestCase("verbose")]
    [TestCase("info")]
    [TestCase("3")]
    [TestCase("-1")]
    [TestCase("warning,error")]
    public void TryParse_BadLogLevel_NamesOptionAndValue(string level)
    {
        Assert.That(
            Error("--log-level", level),
            Is.EqualTo($"--log-level '{level}': expected trace, debug, information, warning, error, critical or none"));
    }

    [TestCase("--zones")]
    [TestCase("-z")]
    [TestCase("--listen")]
    [TestCase("-l")]
    [TestCase("--allow-transfer")]
    [TestCase("--config")]
    [TestCase("-c")]
    [TestCase("--log-level")]
    public void TryParse_ValueOptionLast_SaysItNeedsAValue(string option)
    {
        Assert.That(Error(option), Is.EqualTo($"{option} needs a value"));
    }

    [TestCase("--zones")]
    [TestCase("--listen")]
    [TestCase("--allow-transfer")]
    [TestCase("--config")]
    [TestCase("--log-level")]
    public void TryParse_ValueOptionFollowedByAnOption_SaysItNeedsAValue(string option)
    {
        Assert.That(Error(option, "--check"), Is.EqualTo($"{option} needs a value"));
    }

    [TestCase("--zones=")]
    [TestCase("--listen=")]
    [TestCase("--log-level=")]
    public void TryParse_EmptyInlineValue_SaysItNeedsAValue(string argument)
    {
        Assert.That(Error(argument), Is.EqualTo($"{argument.TrimEnd('=')} needs a value"));
    }

    [TestCase("--bogus")]
    [TestCase("-x")]
    [TestCase("--Zones")]
    [TestCase("--listen-address")]
    [TestCase("-")]
    public void TryParse_UnknownOption_NamesIt(string option)
    {
        Assert.That(Error(option), Is.EqualTo($"unknown option '{option}'"));
    }

    [Test]
    public void TryParse_UnknownOptionInline_NamesOnlyTheOption()
    {
        Assert.That(Error("--bogus=1"), Is.EqualTo("unknown option '--bogus'"));
    }

    [Test]
    public void TryParse_UnknownOptionAfterGoodOnes_NamesIt()
    {
        Assert.That(Error("--zones", "zones", "--check", "--frobnicate"), Is.EqualTo("unknown option '--frobnicate'"));
    }

    [TestCase("zones")]
    [TestCase("127.0.0.1:5300")]
    public void TryParse_StrayArgument_NamesIt(string argument)
    {
        Assert.That(Error(argument), Is.EqualTo($"unexpected argument '{argument}' (options start with --)"));
    }

    [Test]
    public void TryParse_SecondValueForAnOption_IsAStrayArgument()
    {
        Assert.That(Error("--zones", "a", "b"), Is.EqualTo("unexpected argument 'b' (options start with --)"));
    }

    [Test]
    public void TryParse_EveryOptionTogether_KeepsEach()
    {
        CommandLineArguments parsed = Parse(
            "--zones", "/srv/zones", "--listen=127.0.0.1:53", "-l", "[::1]:53", "--allow-transfer", "192.0.2.0/24",
            "-c", _configFile, "--log-level=warning", "--check");

        Assert.That(parsed.Check, Is.True);
        Assert.That(parsed.ConfigFile, Is.EqualTo(_configFile));
        Assert.That(parsed.Listen, Is.EqualTo(new[] { "127.0.0.1:53", "[::1]:53" }));
        Assert.That(parsed.AllowTransfer, Is.EqualTo(new[] { "192.0.2.0/24" }));
        Assert.That(parsed.Settings, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Dns:Zones"] = "/srv/zones",
            ["Logging:LogLevel:Default"] = "warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        }));
    }

    [Test]
    public void TryParse_ZonesTwice_TheLastWins()
    {
        Assert.That(Parse("--zones", "a", "--zones", "b").Settings["Dns:Zones"], Is.EqualTo("b"));
    }

    private static CommandLineArguments Parse(params string[] args)
    {
        bool parsed = CommandLineArguments.TryParse(args, out CommandLineArguments? result, out string? error);
        Assert.That(parsed, Is.True, error);
        Assert.That(error, Is.Null);
        return result!;
    }

    private static string Error(params string[] args)
    {
        bool parsed = CommandLineArguments.TryParse(args, out CommandLineArguments? result, out string? error);
        Assert.That(parsed, Is.False);
        Assert.That(result, Is.Null);
        Assert.That(error, Does.Not.Contain("\n"));
        return error!;
    }
}
