namespace TwoPiR.Provision.Gluster;

/// <summary>One brick process from <c>gluster volume status --xml</c>.</summary>
/// <param name="Brick">The brick as <c>host:/path</c>.</param>
/// <param name="Online">Whether the brick process is running.</param>
internal sealed record BrickStatus(string Brick, bool Online);
