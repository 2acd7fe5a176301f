using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Keeps nginx enabled, running, and serving the configuration on disk. After each successful
/// reload the step records a hash of <c>nginx -T</c> (the whole configuration, site included); when the
/// hash still matches, nothing changed and nothing is reloaded. An apply interrupted between writing
/// the site and reloading is therefore finished by the next one. <c>nginx -t</c> runs before any reload,
/// so a broken configuration never reaches the running server. The check also fetches the health
/// file from the node itself with the site's Host: a reload by hand that dropped the site is caught too.
/// </summary>
internal sealed class NginxStep : Step
{
    /// <summary>The hash of the configuration nginx was last reloaded with.</summary>
    public const string LoadedHashFile = "/var/lib/twopir/nginx-loaded.sha256";

    private const string CurrentHash = "nginx -T 2>/dev/null | sha256sum";

    /// <inheritdoc/>
    public override string Name => "nginx";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachWebNode;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        CommandResult result = await context.RunAsync(
            RemoteCommand.Script($"systemctl is-enabled --quiet nginx && systemctl is-active --quiet nginx && {CurrentHash} | cmp -s - {LoadedHashFile} && {ServesHealth(context)}"),
            cancellationToken);
        return result.Succeeded;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
    [
        RemoteCommand.Of("nginx", "-t", "-q"),
        RemoteCommand.Script("systemctl enable nginx && if systemctl is-active --quiet nginx; then systemctl reload nginx; else systemctl start nginx; fi"),
        // A reload only signals the master; new workers take over a moment later.
        RemoteCommand.Script($"for try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do {ServesHealth(context)} && break; sleep 0.25; done"),
        RemoteCommand.Script($"mkdir -p /var/lib/twopir && {CurrentHash} > {LoadedHashFile}"),
    ];

    private static string ServesHealth(StepContext context)
    {
        string url = ShellQuote.Quote("http://127.0.0.1" + context.Cluster.Site.HealthPath);
        string host = ShellQuote.Quote("Host: " + context.Cluster.Site.ServerNames[0]);
        return $"test \"$(curl -s -o /dev/null -m 2 -w '%{{http_code}}' -H {host} {url})\" = 200";
    }
}
