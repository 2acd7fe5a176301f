using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Templates;

namespace TwoPiR.Provision.Steps;

/// <summary>Orders nginx after the volume's mount at boot; without it nginx starts first, finds no site, and fails.</summary>
internal sealed class NginxDropInStep : Step
{
    /// <inheritdoc/>
    public override string Name => "nginx-after-mount";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachWebNode;

    /// <inheritdoc/>
    public override Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken) =>
        context.FileHoldsAsync(SiteTemplates.NginxDropIn, SiteTemplates.NginxAfterVolume(context.Cluster), cancellationToken);

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
    [
        StepContext.WriteFile(SiteTemplates.NginxDropIn, SiteTemplates.NginxAfterVolume(context.Cluster)),
        RemoteCommand.Of("systemctl", "daemon-reload"),
    ];
}
