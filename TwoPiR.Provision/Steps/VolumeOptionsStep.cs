using TwoPiR.Provision.Gluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Steps;

/// <summary>Sets the volume options of the cluster file and reads them back.</summary>
internal sealed class VolumeOptionsStep : Step
{
    /// <inheritdoc/>
    public override string Name => "volume-options";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Cluster;

    /// <inheritdoc/>
    public override async Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken) =>
        (await DifferentAsync(context, cancellationToken)).Count == 0;

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) =>
        [.. context.Cluster.Volume.Options.Select(option => Set(context, option))];

    /// <inheritdoc/>
    public override async Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        foreach (KeyValuePair<string, string> option in await DifferentAsync(context, cancellationToken))
        {
            await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "set", context.Cluster.Volume.Name, option.Key, option.Value);
        }
    }

    private static RemoteCommand Set(StepContext context, KeyValuePair<string, string> option) =>
        StepContext.GlusterCommand("volume", "set", context.Cluster.Volume.Name, option.Key, option.Value);

    // One `volume get all` reads every option in one round trip.
    private static async Task<List<KeyValuePair<string, string>>> DifferentAsync(StepContext context, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> current = GlusterXml.Options(
            await context.MustGlusterAsync(context.Node, cancellationToken, "volume", "get", context.Cluster.Volume.Name, "all"));
        List<KeyValuePair<string, string>> different = [];
        foreach (KeyValuePair<string, string> option in context.Cluster.Volume.Options)
        {
            if (!current.TryGetValue(option.Key, out string? value))
            {
                throw new StepFailedException($"Gluster has no volume option '{option.Key}' (see gluster volume get {context.Cluster.Volume.Name} all); fix volume.options in {context.Cluster.Source}");
            }

            if (!string.Equals(Normalize(value), Normalize(option.Value), StringComparison.OrdinalIgnoreCase))
            {
                different.Add(option);
            }
        }

        return different;
    }

    // Gluster prints booleans back as it likes ("on" for "true", "(DEFAULT)" suffixes in some versions).
    private static string Normalize(string value)
    {
        string trimmed = value.Replace("(DEFAULT)", "", StringComparison.Ordinal).Trim();
        return trimmed.ToLowerInvariant() switch
        {
            "true" or "yes" or "enable" => "on",
            "false" or "no" or "disable" => "off",
            _ => trimmed,
        };
    }
}
