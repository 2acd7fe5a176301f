using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tools;

/// <summary>A fixture whose tests all query one server, started on <see cref="IntegrationZones"/> with default settings, using dig.</summary>
public abstract class ServedZonesFixture
{
    /// <summary>The server under test.</summary>
    protected DnsTestServer Server { get; private set; } = null!;

    /// <summary>Fails the fixture without dig; starts the server.</summary>
    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Dig.EnsureInstalled();
        Server = await IntegrationZones.StartServerAsync();
    }

    /// <summary>Stops the server.</summary>
    [OneTimeTearDown]
    public async Task StopServerAsync() => await Server.DisposeAsync();
}
