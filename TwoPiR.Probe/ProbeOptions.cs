namespace TwoPiR.Probe;

/// <summary>Settings of the prober, bound to the <c>Probe</c> section.</summary>
public sealed class ProbeOptions
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string SectionName = "Probe";

    /// <summary>The health-checked names, e.g. <c>Probe:Names:twopir.example.com:Port</c>.</summary>
    /// <value>Defaults to none: nothing is checked and every address is served.</value>
    public Dictionary<string, NameCheckOptions> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where the last known states and drains are kept across restarts. Relative paths are under
    /// the working directory.
    /// </summary>
    /// <value>Defaults to <c>probe-state.json</c> in <c>$STATE_DIRECTORY</c> (systemd's <c>StateDirectory=</c>) or else in <c>~/.local/state/twopir</c>.</value>
    public string? StateFile { get; set; }

    /// <summary>The state file in use: <see cref="StateFile"/>, or the default place.</summary>
    public string EffectiveStateFile => !string.IsNullOrEmpty(StateFile)
        ? Path.GetFullPath(StateFile)
        : Path.Combine(
            Environment.GetEnvironmentVariable("STATE_DIRECTORY")?.Split(':')[0]
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "twopir"),
            "probe-state.json");
}
