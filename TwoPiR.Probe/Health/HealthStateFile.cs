using System.Net;
using System.Text.Json;

namespace TwoPiR.Probe.Health;

/// <summary>
/// Keeps last known states and drains in a small JSON file, so a restarted server does not begin
/// blind and an operator's drain outlives the process. Written to a temporary file and renamed,
/// so a crash mid-write leaves the previous file whole.
/// </summary>
internal sealed class HealthStateFile(string path)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>Reads the file; a missing file is an empty state.</summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    /// <exception cref="JsonException">The file is not a state file.</exception>
    public SavedHealth Load()
    {
        if (!File.Exists(Path))
        {
            return SavedHealth.Empty;
        }

        using FileStream stream = File.OpenRead(Path);
        SavedHealthDocument document = JsonSerializer.Deserialize(stream, StateFileJson.Default.SavedHealthDocument)
            ?? throw new JsonException("the file holds null");
        // A hand-edited file may hold nulls anywhere: that is a broken file, reported like bad JSON.
        if (document.Nodes is null || document.Drained is null || document.Nodes.Contains(null))
        {
            throw new JsonException("'nodes' and 'drained' must be lists of entries");
        }

        Dictionary<IPAddress, (HealthState, DateTimeOffset)> states = [];
        foreach (SavedNode node in document.Nodes.OfType<SavedNode>())
        {
            if (IPAddress.TryParse(node.Address, out IPAddress? address) && node.State is HealthState.Healthy or HealthState.Unhealthy)
            {
                states[address] = (node.State, node.Since);
            }
        }

        HashSet<IPAddress> drained = [.. document.Drained.Select(text => IPAddress.TryParse(text, out IPAddress? address) ? address : null).OfType<IPAddress>()];
        return new SavedHealth(states, drained);
    }

    /// <summary>Writes <paramref name="nodes"/> and <paramref name="drained"/>, replacing the file atomically.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public void Save(IEnumerable<NodeSnapshot> nodes, IEnumerable<IPAddress> drained)
    {
        SavedHealthDocument document = new()
        {
            Nodes = [.. nodes.Where(node => node.State != HealthState.Unknown).Select(node => new SavedNode(node.Address.ToString(), node.State, node.Since))],
            Drained = [.. drained.Select(address => address.ToString()).Order(StringComparer.Ordinal)],
        };
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        string temporary = Path + ".tmp";
        using (FileStream stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, document, StateFileJson.Default.SavedHealthDocument);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
