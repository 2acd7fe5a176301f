namespace TwoPiR.Probe.Health;

/// <summary>The state file's JSON.</summary>
internal sealed class SavedHealthDocument
{
    /// <summary>The format's version.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Measured states.</summary>
    public List<SavedNode?>? Nodes { get; set; } = [];

    /// <summary>Drained addresses.</summary>
    public List<string?>? Drained { get; set; } = [];
}
