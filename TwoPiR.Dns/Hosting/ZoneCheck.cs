using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Hosting;

/// <summary><c>--check</c>: loads every zone as the server would, reports, and says whether all are good.</summary>
internal static class ZoneCheck
{
    /// <summary>Checks the zones in <paramref name="directory"/>.</summary>
    /// <returns>0 when every zone loads, 1 otherwise.</returns>
    public static int Run(string directory, TextWriter output, TextWriter errors)
    {
        string[] files = [.. Directory.EnumerateFiles(directory, "*" + ZoneFile.Extension).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
        if (files.Length == 0)
        {
            errors.WriteLine($"twopir-dns: no *{ZoneFile.Extension} files in {directory}");
            return 1;
        }

        int broken = 0;
        HashSet<byte[]> origins = new(WireNameComparer.Instance);
        foreach (string file in files)
        {
            try
            {
                LoadedZone loaded = ZoneFile.Load(directory, file, []);
                loaded.Warnings.ToList().ForEach(warning => errors.WriteLine($"warning: {warning}"));
                if (!origins.Add(loaded.Zone.Origin))
                {
                    // The server serves the first file in name order and leaves this one out.
                    errors.WriteLine($"error: {loaded.Zone.FileName}: zone {loaded.Zone.Name} is already loaded from another file");
                    broken++;
                    continue;
                }

                output.WriteLine($"{loaded.Zone.Name} serial {loaded.Zone.Serial}: {loaded.Zone.RecordCount} records, OK ({loaded.Zone.FileName})");
            }
            catch (ZoneFileException ex)
            {
                errors.WriteLine($"error: {ex.Message}");
                broken++;
            }
        }

        output.WriteLine($"{files.Length - broken} of {files.Length} zones good");
        return broken == 0 ? 0 : 1;
    }
}
