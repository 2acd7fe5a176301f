using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Templates;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Writes the shared files onto the volume once, through the first node's mount: the nginx site,
/// the health file, and a first index.html only if the site has none (the operator's pages are never overwritten).
/// </summary>
internal sealed class SiteFilesStep : Step
{
    /// <inheritdoc/>
    public override string Name => "site-files";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Cluster;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        ClusterSpec cluster = context.Cluster;
        return await context.FileHoldsAsync(cluster.SiteConfigOnVolume, SiteTemplates.NginxSite(cluster), cancellationToken)
            && await context.FileHoldsAsync(cluster.Site.HealthFile, SiteTemplates.HealthContent, cancellationToken)
            && (await context.RunAsync(RemoteCommand.Of("test", "-e", Index(cluster)), cancellationToken)).Succeeded;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context)
    {
        ClusterSpec cluster = context.Cluster;
        string index = ShellQuote.Quote(Index(cluster));
        return
        [
            StepContext.WriteFile(cluster.SiteConfigOnVolume, SiteTemplates.NginxSite(cluster)),
            StepContext.WriteFile(cluster.Site.HealthFile, SiteTemplates.HealthContent),
            RemoteCommand.Script($"test -e {index} || cat > {index}", SiteTemplates.Placeholder(cluster)),
        ];
    }

    private static string Index(ClusterSpec cluster) => cluster.Site.Root + "/index.html";
}
