namespace TwoPiR.Provision.Cluster;

/// <summary>Volume options set unless the cluster file says otherwise, each with why.</summary>
internal static class GlusterDefaults
{
    /// <summary>The options, their values, and the reason, as <c>--help</c> and the example file explain them.</summary>
    public static IReadOnlyList<(string Key, string Value, string Why)> Options { get; } =
    [
        ("network.ping-timeout", "10",
            "Seconds a client waits for a silent brick before giving up on it. Every write stalls meanwhile; "
            + "the default of 42 stalls the site's writers for about twice that when a node loses power. "
            + "Much lower risks dropping bricks on a busy network and paying for a re-sync."),
    ];
}
