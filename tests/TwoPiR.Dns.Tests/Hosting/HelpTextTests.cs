using System.Globalization;
using System.Text.RegularExpressions;
using TwoPiR.Dns.Hosting;

namespace TwoPiR.Dns.Tests.Hosting;

public sealed partial class HelpTextTests
{
    // Every option CommandLineArguments accepts, as the manual spells its OPTIONS entry.
    private static readonly string[][] s_options =
    [
        ["-z", "--zones"],
        ["-l", "--listen"],
        ["--allow-transfer"],
        ["--forward"],
        ["--allow-recursion"],
        ["-c", "--config"],
        ["--log-level"],
        ["--check"],
        ["--status"],
        ["-h", "--help"],
        ["-V", "--version"],
    ];

    private static IEnumerable<TestCaseData> OptionCases =>
        s_options.Select(names => new TestCaseData((object)names).SetArgDisplayNames(string.Join(", ", names)));

    private static readonly string[] s_sections =
    [
        "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "CONFIGURATION", "SIGNALS", "EXIT STATUS", "EXAMPLES",
    ];

    [TestCaseSource(nameof(s_sections))]
    public void ManPage_Section_IsPresent(string section)
    {
        Assert.That(SectionNames(), Does.Contain(section));
    }

    [Test]
    public void ManPage_Sections_AreInManPageOrder()
    {
        string[] found = [.. SectionNames().Where(s_sections.Contains)];

        Assert.That(found, Is.EqualTo(s_sections));
    }

    [Test]
    public void ManPage_Options_DocumentsExactlyTheOptionsTheParserAccepts()
    {
        string[] documented = [.. OptionPattern().Matches(Section("OPTIONS")).Select(match => match.Value).Distinct()];

        Assert.That(documented, Is.EquivalentTo(s_options.SelectMany(names => names)));
    }

    [TestCaseSource(nameof(OptionCases))]
    public void ManPage_Option_HasAnEntryNamingEveryForm(string[] names)
    {
        string entry = string.Join(", ", names);

        Assert.That(Section("OPTIONS"), Does.Match($@"(?m)^ {{4}}{Regex.Escape(entry)}( [A-Z:]+)?$"));
    }

    [TestCaseSource(nameof(OptionCases))]
    public void ManPage_DocumentedOption_IsAcceptedByTheParser(string[] names)
    {
        foreach (string name in names)
        {
            // A value that suits every value option; the check is only that the name is known.
            string error = CommandLineArguments.TryParse([name, "127.0.0.1:5300"], out _, out string? problem) ? string.Empty : problem;

            Assert.That(error, Does.Not.StartWith("unknown option"), name);
        }
    }

    [Test]
    public void ManPage_Synopsis_MentionsEveryLongOption()
    {
        string synopsis = Section("SYNOPSIS");

        foreach (string option in s_options.Select(names => names[^1]))
        {
            Assert.That(synopsis, Does.Contain(option));
        }
    }

    [Test]
    public void ManPage_ExitStatus_ListsTheCodesTheProgramReturns()
    {
        string section = Section("EXIT STATUS");

        foreach (int status in new[] { DnsExitCode.Success, DnsExitCode.Failure, DnsExitCode.Usage })
        {
            Assert.That(section, Does.Match($@"(?m)^ {{4}}{status} "));
        }
    }

    [Test]
    public void ManPage_Signals_NamesHupTermAndInt()
    {
        Assert.That(Section("SIGNALS"), Does.Contain("SIGHUP").And.Contain("SIGTERM").And.Contain("SIGINT"));
    }

    [Test]
    public void ManPage_Configuration_ShowsTheDefaultOfEverySetting()
    {
        DnsServerOptions defaults = new();
        (string Key, string Default)[] rows =
        [
            ("Zones", defaults.Zones),
            ("Listen", DnsServerOptions.DefaultListen),
            ("AllowTransfer", "(none)"),
            ("MaxUdpPayload", defaults.MaxUdpPayload.ToString(CultureInfo.InvariantCulture)),
            ("TcpIdleTimeout", defaults.TcpIdleTimeout.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)),
            ("MaxTcpConnections", defaults.MaxTcpConnections.ToString(CultureInfo.InvariantCulture)),
            ("ErrorRepliesPerSecond", defaults.ErrorRepliesPerSecond.ToString(CultureInfo.InvariantCulture)),
            ("UdpReceiveLoops", defaults.UdpReceiveLoops.ToString(CultureInfo.InvariantCulture)),
            ("ReloadDelay", defaults.ReloadDelay.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture)),
        ];
        string section = Section("CONFIGURATION");

        foreach ((string key, string value) in rows)
        {
            Assert.That(section, Does.Match($@"(?m)^ {{4}}{key} +\S.* {Regex.Escape(value)}$"), key);
        }
    }

    [Test]
    public void ManPage_Lines_FitEightyColumns()
    {
        string[] tooLong = [.. HelpText.ManPage.Split('\n').Where(line => line.TrimEnd('\r').Length > 80)];

        Assert.That(tooLong, Is.Empty);
    }

    [Test]
    public void ManPage_EndsWithANewline()
    {
        Assert.That(HelpText.ManPage, Does.EndWith("\n"));
    }

    private static string[] SectionNames() =>
        [.. SectionPattern().Matches(HelpText.ManPage).Select(match => match.Groups["name"].Value)];

    /// <summary>The text of one section: from its heading to the next heading.</summary>
    private static string Section(string name)
    {
        Match heading = SectionPattern().Matches(HelpText.ManPage).Single(match => match.Groups["name"].Value == name);
        Match? next = SectionPattern().Matches(HelpText.ManPage).FirstOrDefault(match => match.Index > heading.Index);
        int end = next?.Index ?? HelpText.ManPage.Length;
        return HelpText.ManPage[(heading.Index + heading.Length)..end];
    }

    [GeneratedRegex(@"(?m)^(?<name>[A-Z][A-Z ]*[A-Z])\r?$")]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"(?<![\w-])(--[a-z][a-z-]*[a-z]|-[a-zA-Z])(?![\w-])")]
    private static partial Regex OptionPattern();
}
