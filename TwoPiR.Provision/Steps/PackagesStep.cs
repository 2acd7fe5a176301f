using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>Installs glusterfs-server, and on web nodes nginx and curl (the nginx step fetches the health file with it), without questions.</summary>
internal sealed class PackagesStep : Step
{
    /// <inheritdoc/>
    public override string Name => "packages";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachNode;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        string[] packages = PackagesOf(context);
        CommandResult result = await context.RunAsync(RemoteCommand.Of(["dpkg-query", "-W", "-f=${Status}\\n", .. packages]), cancellationToken);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Trim() == "install ok installed") == packages.Length;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
    [
        RemoteCommand.Of("apt-get", "update", "-q"),
        // confold keeps any configuration the operator already changed; noninteractive answers no debconf question.
        RemoteCommand.Of(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "-o", "Dpkg::Options::=--force-confold", .. PackagesOf(context)]),
    ];

    private static string[] PackagesOf(StepContext context) =>
        context.Node.IsArbiter ? ["glusterfs-server"] : ["glusterfs-server", "nginx", "curl"];
}
