using System.Globalization;
using System.Net;
using System.Text.Json;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// <c>/status</c> (JSON: per name and address the state, counts and last check) and
/// <c>/metrics</c> (Prometheus text) on the status endpoint.
/// </summary>
[Category("Integration")]
public sealed class StatusEndpointTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(20_000)]
    public async Task Status_OneNodeUpOneDown_ReportsNameAddressesStatesAndCounts(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await StartOneUpOneDownAsync(settings, ct);
        using HttpClient client = rig.CreateStatusClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/status", UriKind.Relative), ct);
        string body = await response.Content.ReadAsStringAsync(ct);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement name = document.RootElement.GetProperty("names").EnumerateArray().Single();
        Dictionary<string, JsonElement> addresses = name.GetProperty("addresses").EnumerateArray()
            .ToDictionary(address => address.GetProperty("address").GetString()!);
        JsonElement up = addresses[First];
        JsonElement down = addresses[Second];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(name.GetProperty("name").GetString(), Is.EqualTo(HealthZone.CheckedName));
            Assert.That(name.GetProperty("fall").GetInt32(), Is.EqualTo(settings.Fall));
            Assert.That(name.GetProperty("rise").GetInt32(), Is.EqualTo(settings.Rise));
            Assert.That(name.GetProperty("whenAllDown").GetString(), Is.EqualTo("ServeAll"));
            Assert.That(name.GetProperty("maxTtlSeconds").GetDouble(), Is.EqualTo(1));
            Assert.That(addresses.Keys, Is.EquivalentTo(new[] { First, Second }));

            Assert.That(up.GetProperty("state").GetString(), Is.EqualTo("Healthy"));
            Assert.That(up.GetProperty("drained").GetBoolean(), Is.False);
            Assert.That(up.GetProperty("consecutivePassed").GetInt32(), Is.GreaterThanOrEqualTo(settings.Rise));
            Assert.That(up.GetProperty("consecutiveFailed").GetInt32(), Is.Zero);
            Assert.That(up.GetProperty("lastPassed").GetBoolean(), Is.True);
            Assert.That(up.GetProperty("lastDetail").GetString(), Is.EqualTo("HTTP 200"));

            Assert.That(down.GetProperty("state").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(down.GetProperty("drained").GetBoolean(), Is.False);
            Assert.That(down.GetProperty("consecutivePassed").GetInt32(), Is.Zero);
            Assert.That(down.GetProperty("consecutiveFailed").GetInt32(), Is.GreaterThanOrEqualTo(settings.Fall));
            Assert.That(down.GetProperty("lastPassed").GetBoolean(), Is.False);
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Metrics_AfterQueries_ExportsQueryCountsAndNodeStates(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await StartOneUpOneDownAsync(settings, ct);
        await rig.AnswersAsync(ct);
        using HttpClient client = rig.CreateStatusClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), ct);
        string body = await response.Content.ReadAsStringAsync(ct);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        string[] samples = [.. body.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#'))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(samples.Where(line => line.Contains("twopir_dns_queries_total", StringComparison.Ordinal)).Select(Value), Has.Some.GreaterThanOrEqualTo(1), body);
            Assert.That(NodeState(samples, First, "healthy"), Is.EqualTo(1), body);
            Assert.That(NodeState(samples, First, "unhealthy"), Is.Zero, body);
            Assert.That(NodeState(samples, Second, "unhealthy"), Is.EqualTo(1), body);
            Assert.That(NodeState(samples, Second, "healthy"), Is.Zero, body);
        }
    }

    private static async Task<HealthRig> StartOneUpOneDownAsync(ProbeSettings settings, CancellationToken ct)
    {
        HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        try
        {
            Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True, "the nodes never came up");
            await rig.Node(Second).StopAsync();
            Assert.That(await rig.WaitForStateAsync([Second], HealthState.Unhealthy, settings.WorstCaseDetection + ProbeSettings.Slack, ct), Is.True, "the stopped node never went down");
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>The value of the <c>twopir_node_state</c> sample for <paramref name="address"/> and <paramref name="state"/>, or NaN without one.</summary>
    private static double NodeState(string[] samples, string address, string state) =>
        samples.Where(line => line.Contains("twopir_node_state", StringComparison.Ordinal)
                && line.Contains($"\"{address}\"", StringComparison.Ordinal)
                && line.Contains($"\"{state}\"", StringComparison.Ordinal))
            .Select(Value)
            .DefaultIfEmpty(double.NaN)
            .First();

    /// <summary>A sample's value: the field after the name and labels (a timestamp may follow).</summary>
    private static double Value(string sample)
    {
        int labelsEnd = sample.LastIndexOf('}');
        string rest = labelsEnd >= 0 ? sample[(labelsEnd + 1)..] : sample[sample.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }
}
