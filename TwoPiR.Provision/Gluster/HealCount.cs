namespace TwoPiR.Provision.Gluster;

/// <summary>One brick's line of <c>gluster volume heal info</c>.</summary>
/// <param name="Brick">The brick as <c>host:/path</c>.</param>
/// <param name="Status">Connected, or why not.</param>
/// <param name="Entries">Files waiting to heal (or in split-brain), or -1 when the brick did not answer.</param>
internal sealed record HealCount(string Brick, string Status, int Entries);
