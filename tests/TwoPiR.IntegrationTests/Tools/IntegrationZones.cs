using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tools;

/// <summary>The zones every integration test serves: <c>Zones/</c>, copied next to the test assembly.</summary>
public static class IntegrationZones
{
    /// <summary>The folder holding example.com.zone and 2.0.192.in-addr.arpa.zone.</summary>
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Zones");

    /// <summary>Starts the real server on 127.0.0.1, port 0, serving <see cref="Directory"/>.</summary>
    /// <param name="settings">Extra configuration, e.g. <c>["Dns:TcpIdleTimeout"] = "00:00:01"</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<DnsTestServer> StartServerAsync(IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default) =>
        DnsTestServer.StartAsync(Directory, settings, cancellationToken: cancellationToken);
}
