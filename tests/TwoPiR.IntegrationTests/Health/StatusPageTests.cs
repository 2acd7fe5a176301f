using System.Net;
using System.Text.RegularExpressions;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>The human status page, loaded in a real browser (headless Chromium), renders a table of the nodes and their states.</summary>
[Category("Integration")]
public sealed partial class StatusPageTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";

    [OneTimeSetUp]
    public void RequireChromium() => Assert.That(Chromium.IsInstalled, Is.True, Chromium.InstallHint);

    [Test, CancelAfter(60_000)]
    public async Task StatusPage_InHeadlessChromium_RendersEveryNodeWithItsState(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);
        await rig.Node(Second).StopAsync();
        Assert.That(await rig.WaitForStateAsync([Second], HealthState.Unhealthy, settings.WorstCaseDetection + ProbeSettings.Slack, ct), Is.True);

        string dom = await Chromium.DumpDomAsync(new Uri($"http://{rig.StatusEndpoint}/"), ct);

        string[][] rows = NodeRows(dom);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(cells => cells.Take(2)), Is.EquivalentTo(new[]
            {
                new[] { First, "healthy" },
                new[] { Second, "unhealthy" },
            }), dom);
            Assert.That(dom, Does.Contain($"<h2>{HealthZone.CheckedName}</h2>"));
        }
    }

    /// <summary>The text of the <c>td</c> cells of each body row of the <c>table.nodes</c> tables.</summary>
    private static string[][] NodeRows(string dom) =>
        [.. NodesTable().Matches(dom)
            .SelectMany(table => Row().Matches(table.Groups["body"].Value))
            .Select(row => Cell().Matches(row.Groups["cells"].Value).Select(cell => WebUtility.HtmlDecode(cell.Groups["text"].Value).Trim()).ToArray())];

    [GeneratedRegex("""<table class="nodes">.*?<tbody>(?<body>.*?)</tbody>""", RegexOptions.Singleline)]
    private static partial Regex NodesTable();

    [GeneratedRegex("<tr>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td[^>]*>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
