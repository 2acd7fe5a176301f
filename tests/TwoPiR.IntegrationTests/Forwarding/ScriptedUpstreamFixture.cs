namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// A fixture of one scripted upstream and one forwarding server, started before its first test and
/// stopped after its last. Its tests ask their own names, so none is answered from another's cache.
/// </summary>
public abstract class ScriptedUpstreamFixture
{
    private readonly Func<ReceivedQuery, IEnumerable<FakeReply>> _script;
    private readonly IReadOnlyDictionary<string, string?>? _settings;

    /// <summary>Sets up the fixture.</summary>
    /// <param name="script">What the upstream answers.</param>
    /// <param name="settings">The server's extra configuration.</param>
    private protected ScriptedUpstreamFixture(Func<ReceivedQuery, IEnumerable<FakeReply>> script, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _script = script;
        _settings = settings;
    }

    /// <summary>The scripted upstream.</summary>
    private protected FakeUpstream Scripted { get; private set; } = null!;

    /// <summary>The server forwarding to it.</summary>
    private protected ForwardingRig Rig { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Scripted = FakeUpstream.Start(_script);
        Rig = await ForwardingRig.StartAsync([Scripted.Upstream], _settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Rig is not null)
        {
            await Rig.DisposeAsync();
        }

        if (Scripted is not null)
        {
            await Scripted.DisposeAsync();
        }
    }
}
