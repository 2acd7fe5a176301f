using System.Net;
using System.Text.Json;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// Drain and undrain through the status endpoint's admin API: <c>POST /drain/{address}</c> takes a
/// node out of answers at once whatever its health, <c>POST /undrain/{address}</c> puts it back;
/// the last servable address needs <c>?force</c>, and an address no checked name holds is 404.
/// </summary>
[Category("Integration")]
public sealed class DrainApiTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(20_000)]
    public async Task Drain_FromAWebPageOrUnderAnotherName_RefusedAndNothingDrained(CancellationToken ct)
    {
        await using HealthRig rig = await StartHealthyAsync(ct);
        using HttpClient status = rig.CreateStatusClient();

        using HttpRequestMessage crossSite = new(HttpMethod.Post, new Uri($"/drain/{First}", UriKind.Relative));
        crossSite.Headers.Add("Origin", "http://attacker.example");
        using HttpResponseMessage fromPage = await status.SendAsync(crossSite, ct);
        using HttpRequestMessage rebound = new(HttpMethod.Get, new Uri("/status", UriKind.Relative));
        rebound.Headers.Host = "attacker.example";
        using HttpResponseMessage underAnotherName = await status.SendAsync(rebound, ct);

        Assert.That(fromPage.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(underAnotherName.StatusCode, Is.EqualTo(HttpStatusCode.MisdirectedRequest));
        Assert.That(await rig.AnswersAsync(ct), Does.Contain(First), "nothing was drained");
    }

    [Test, CancelAfter(20_000)]
    public async Task Drain_HealthyAddress_LeavesTheAnswerAtOnceAndUndrainBringsItBack(CancellationToken ct)
    {
        await using HealthRig rig = await StartHealthyAsync(ct);
        using HttpClient status = rig.CreateStatusClient();

        using HttpResponseMessage drained = await status.PostAsync(new Uri($"/drain/{First}", UriKind.Relative), content: null, ct);
        string[] whileDrained = await rig.AnswersAsync(ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drained.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OutcomeAsync(drained, ct), Is.EqualTo("Changed"));
            Assert.That(whileDrained, Is.EqualTo(new[] { Second }), "the first answer after the drain still held the drained address");
            Assert.That(rig.StateOf(First), Is.EqualTo(HealthState.Drained));
        }

        using HttpResponseMessage again = await status.PostAsync(new Uri($"/drain/{First}", UriKind.Relative), content: null, ct);
        using HttpResponseMessage undrained = await status.PostAsync(new Uri($"/undrain/{First}", UriKind.Relative), content: null, ct);
        string[] afterUndrain = await rig.AnswersAsync(ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OutcomeAsync(again, ct), Is.EqualTo("Unchanged"));
            Assert.That(undrained.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OutcomeAsync(undrained, ct), Is.EqualTo("Changed"));
            Assert.That(afterUndrain, Is.EqualTo(new[] { First, Second }));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Drain_LastServableAddress_Returns409UnlessForced(CancellationToken ct)
    {
        await using HealthRig rig = await StartHealthyAsync(ct);
        using HttpClient status = rig.CreateStatusClient();
        using HttpResponseMessage first = await status.PostAsync(new Uri($"/drain/{First}", UriKind.Relative), content: null, ct);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using HttpResponseMessage refused = await status.PostAsync(new Uri($"/drain/{Second}", UriKind.Relative), content: null, ct);
        string[] afterRefusal = await rig.AnswersAsync(ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await OutcomeAsync(refused, ct), Is.EqualTo("LastAddress"));
            Assert.That(afterRefusal, Is.EqualTo(new[] { Second }));
            Assert.That(rig.StateOf(Second), Is.EqualTo(HealthState.Healthy));
        }

        using HttpResponseMessage forced = await status.PostAsync(new Uri($"/drain/{Second}?force", UriKind.Relative), content: null, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(forced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await OutcomeAsync(forced, ct), Is.EqualTo("Changed"));
            Assert.That(rig.StateOf(Second), Is.EqualTo(HealthState.Drained));
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Drain_OnlyHealthyAddressWhileTheOtherIsDown_Returns409AndKeepsServingIt(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await StartHealthyAsync(ct);
        await rig.Node(First).StopAsync();
        Assert.That(await rig.WaitForStateAsync([First], HealthState.Unhealthy, settings.WorstCaseDetection + ProbeSettings.Slack, ct), Is.True);
        using HttpClient status = rig.CreateStatusClient();

        using HttpResponseMessage refused = await status.PostAsync(new Uri($"/drain/{Second}", UriKind.Relative), content: null, ct);
        string[] answers = await rig.AnswersAsync(ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "drained the only node that serves");
            Assert.That(answers, Is.EqualTo(new[] { Second }), "the answer holds only the node that is down");
        }
    }

    [TestCase("drain", "127.0.0.49", HttpStatusCode.NotFound)]
    [TestCase("undrain", "127.0.0.49", HttpStatusCode.NotFound)]
    [TestCase("drain", "not-an-address", HttpStatusCode.BadRequest)]
    [TestCase("drain", "127.000.0.41", HttpStatusCode.BadRequest)]
    [CancelAfter(20_000)]
    public async Task Drain_AddressNoCheckedNameHolds_IsRefusedAndChangesNothing(string verb, string address, HttpStatusCode expected, CancellationToken ct)
    {
        await using HealthRig rig = await StartHealthyAsync(ct);
        using HttpClient status = rig.CreateStatusClient();

        using HttpResponseMessage response = await status.PostAsync(new Uri($"/{verb}/{address}", UriKind.Relative), content: null, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(await rig.AnswersAsync(ct), Is.EqualTo(new[] { First, Second }));
        }
    }

    private static async Task<HealthRig> StartHealthyAsync(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        try
        {
            Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True, "the nodes never came up");
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("outcome").GetString() ?? "";
    }
}
