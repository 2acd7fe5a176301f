using TwoPiR.IntegrationTests.Executable;
using TwoPiR.IntegrationTests.Tools;
using TwoPiR.Probe;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// The operator's commands, run as the real executable against a running server's status
/// endpoint: <c>twopir-dns drain|undrain ADDRESS --status ADDRESS:PORT</c> and <c>twopir-dns status</c>.
/// </summary>
[Category("Integration")]
public sealed class DrainCommandTests
{
    private const string First = "127.0.0.41";
    private const string Second = "127.0.0.42";

    [OneTimeSetUp]
    public void RequireDig() => Assert.That(Dig.IsInstalled, Is.True, Dig.InstallHint);

    [Test, CancelAfter(60_000)]
    public async Task DrainStatusUndrain_AgainstRunningServer_ChangeAnswersAndPrintTheTable(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        Assert.That(await rig.WaitForStateAsync([First, Second], HealthState.Healthy, settings.WorstCaseRecovery + ProbeSettings.Slack, ct), Is.True);
        using TempDirectory work = new();

        await using ChildProcess drain = await TwoPiRDns.RunAsync(["drain", First, "--status", rig.StatusListen], work.Path, ct);
        string[] whileDrained = await rig.AnswersAsync(ct);
        await using ChildProcess status = await TwoPiRDns.RunAsync(["status", "--status", rig.StatusListen], work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drain.ExitCode, Is.Zero, drain.Transcript);
            Assert.That(drain.OutputLines, Is.EqualTo(new[] { $"{First} drained: left out of answers until undrained" }), drain.Transcript);
            Assert.That(whileDrained, Is.EqualTo(new[] { Second }));
            Assert.That(status.ExitCode, Is.Zero, status.Transcript);
            Assert.That(status.OutputLines[0], Does.Match(@"^NAME\s+ADDRESS\s+STATE\s+SINCE\s+LAST CHECK\s+LATENCY\s+IN A ROW$"), status.Transcript);
            Assert.That(status.OutputLines.Skip(1).Select(Columns), Is.EquivalentTo(new[]
            {
                new[] { HealthZone.CheckedName, First, "drained (healthy)" },
                new[] { HealthZone.CheckedName, Second, "healthy" },
            }), status.Transcript);
        }

        await using ChildProcess undrain = await TwoPiRDns.RunAsync(["undrain", First, "--status", rig.StatusListen], work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(undrain.ExitCode, Is.Zero, undrain.Transcript);
            Assert.That(await rig.AnswersAsync(ct), Is.EqualTo(new[] { First, Second }));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Drain_LastServableAddressWithoutForce_ExitsOneAndSaysForce(CancellationToken ct)
    {
        ProbeSettings settings = ProbeSettings.Fast;
        await using HealthRig rig = await HealthRig.StartAsync(settings, [First, Second], ct);
        using TempDirectory work = new();
        await using ChildProcess first = await TwoPiRDns.RunAsync(["drain", First, "--status", rig.StatusListen], work.Path, ct);
        Assert.That(first.ExitCode, Is.Zero, first.Transcript);

        await using ChildProcess refused = await TwoPiRDns.RunAsync(["drain", Second, "--status", rig.StatusListen], work.Path, ct);
        await using ChildProcess forced = await TwoPiRDns.RunAsync(["drain", Second, "--force", "--status", rig.StatusListen], work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Transcript);
            Assert.That(refused.Errors, Does.Contain("--force"), refused.Transcript);
            Assert.That(forced.ExitCode, Is.Zero, forced.Transcript);
            Assert.That(rig.StateOf(Second), Is.EqualTo(HealthState.Drained));
        }
    }

    [Test, CancelAfter(60_000)]
    public async Task Status_NoServerListening_ExitsOneWithOneLine(CancellationToken ct)
    {
        using TempDirectory work = new();
        int port = FreePort.On(System.Net.IPAddress.Loopback);

        await using ChildProcess status = await TwoPiRDns.RunAsync(["status", "--status", $"127.0.0.1:{port}"], work.Path, ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status.ExitCode, Is.EqualTo(1), status.Transcript);
            Assert.That(status.ErrorLines, Has.Count.EqualTo(1), status.Transcript);
            Assert.That(status.Errors, Does.Contain($"127.0.0.1:{port}").And.Contain("is twopir-dns running"), status.Transcript);
            Assert.That(status.Errors, ProcessOutput.WithoutStackTrace);
        }
    }

    /// <summary>The NAME, ADDRESS and STATE columns of a table row; STATE may hold one space, e.g. <c>drained (healthy)</c>.</summary>
    private static string[] Columns(string row)
    {
        string[] cells = row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. cells.Take(3)];
    }
}
