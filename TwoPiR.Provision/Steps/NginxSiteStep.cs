using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Links the site on the volume into the node's nginx, and disables Debian's default site, which
/// would otherwise answer for every name on port 80. Only the default's link goes; its file stays in sites-available.
/// </summary>
internal sealed class NginxSiteStep : Step
{
    private const string Available = "/etc/nginx/sites-available/twopir.conf";
    private const string Enabled = "/etc/nginx/sites-enabled/twopir.conf";
    private const string DefaultSite = "/etc/nginx/sites-enabled/default";

    /// <inheritdoc/>
    public override string Name => "nginx-site";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachWebNode;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        CommandResult links = await context.RunAsync(
            RemoteCommand.Script($"readlink {Available}; readlink {Enabled}; test -e {DefaultSite} || test -L {DefaultSite} && echo default"), cancellationToken);
        string[] lines = links.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.SequenceEqual([context.Cluster.SiteConfigOnVolume, Available]);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
    [
        RemoteCommand.Of("ln", "-sfn", context.Cluster.SiteConfigOnVolume, Available),
        RemoteCommand.Of("ln", "-sfn", Available, Enabled),
        // A default site the operator replaced with a real file is theirs: refuse rather than delete it.
        RemoteCommand.Script($"if test -L {DefaultSite}; then rm {DefaultSite}; elif test -e {DefaultSite}; then "
            + $"echo '{DefaultSite} is a file, not the Debian link; move it out of sites-enabled yourself' >&2; exit 1; fi"),
    ];
}
