using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>
/// Makes the brick directory. A brick on the root filesystem fills the system's own disk (on a Pi,
/// the SD card) as the site grows, so Gluster refuses it without <c>force</c>, and so do we without
/// <c>allowRootFilesystem: true</c>; when allowed, the volume step adds <c>force</c> and warns.
/// </summary>
internal sealed class BrickStep : Step
{
    /// <inheritdoc/>
    public override string Name => "brick";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.EachNode;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        string brick = context.Cluster.Volume.Brick;
        if (!(await context.RunAsync(RemoteCommand.Of("test", "-d", brick), cancellationToken)).Succeeded)
        {
            return false;
        }

        if (await IsOnRootFilesystemAsync(context, brick, cancellationToken))
        {
            if (!context.Cluster.Volume.AllowRootFilesystem)
            {
                throw new StepFailedException($"on {context.Node.Name}: the brick {brick} is on the root filesystem, which the site's files would fill. "
                    + "Mount a disk (e.g. a USB drive) there, or set volume.allowRootFilesystem: true to accept it.");
            }

            context.Note($"{context.Node.Name}: the brick {brick} is on the root filesystem (allowed by volume.allowRootFilesystem); the volume is created with 'force'");
        }

        return true;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [RemoteCommand.Of("mkdir", "-p", context.Cluster.Volume.Brick)];

    /// <summary>Whether <paramref name="path"/> lives on the same device as <c>/</c>, the test glusterd itself applies.</summary>
    public static async Task<bool> IsOnRootFilesystemAsync(StepContext context, string path, CancellationToken cancellationToken)
    {
        CommandResult devices = await context.MustAsync(RemoteCommand.Of("stat", "-c", "%d", "/", path), cancellationToken);
        string[] lines = devices.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 2 && lines[0] == lines[1];
    }
}
