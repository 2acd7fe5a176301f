namespace TwoPiR.Provision.Cluster;

/// <summary>The static site nginx serves from the volume.</summary>
/// <param name="ServerNames">The names nginx answers for; the first is the site's name.</param>
/// <param name="Root">The document root, an absolute path under the mount point.</param>
/// <param name="HealthPath">The URL path of the health file the probe fetches, e.g. <c>/twopir-health</c>.</param>
internal sealed record SiteSpec(IReadOnlyList<string> ServerNames, string Root, string HealthPath)
{
    /// <summary>The health file on the volume.</summary>
    public string HealthFile => Root + HealthPath;
}
