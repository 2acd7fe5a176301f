using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Zones;

/// <summary>
/// Keeps the <see cref="ZoneStore"/> in step with the zones folder. Each reload re-reads only the
/// zones whose files changed, builds a new <see cref="ZoneSet"/> and swaps it in whole. A zone
/// that fails to load keeps its last good snapshot in service.
/// </summary>
internal sealed class ZoneLoader
{
    private readonly ZoneStore _store;
    private readonly ILogger<ZoneLoader> _logger;
    private readonly string _directory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ZoneFileState> _files = new(StringComparer.Ordinal);
    private HashSet<string> _shadowedFiles = new(StringComparer.Ordinal);

    /// <summary>Creates the loader for the folder in <see cref="DnsServerOptions.Zones"/>.</summary>
    public ZoneLoader(ZoneStore store, IOptions<DnsServerOptions> options, ILogger<ZoneLoader> logger)
    {
        _store = store;
        _logger = logger;
        _directory = options.Value.Zones;
    }

    /// <summary>The zones folder as configured.</summary>
    public string Directory => _directory;

    /// <summary>Reads changed, new and removed zone files and publishes the result.</summary>
    /// <param name="force">Re-read every zone even if its files look unchanged (SIGHUP).</param>
    /// <returns>How many zones are now served.</returns>
    public int Reload(bool force)
    {
        lock (_lock)
        {
            HashSet<string> present = [.. ListZoneFiles()];
            foreach (string gone in _files.Keys.Where(file => !present.Contains(file)).ToList())
            {
                if (_files[gone].Good is { } removed)
                {
                    DnsLog.ZoneRemoved(_logger, removed.Zone.Name, removed.Zone.FileName);
                }

                _files.Remove(gone);
            }

            foreach (string file in present.Order(StringComparer.Ordinal))
            {
                _files.TryGetValue(file, out ZoneFileState? state);
                if (force || state is null || state.HasChanged())
                {
                    _files[file] = Load(file, state);
                }
            }

            ZoneSet zones = new(Distinct(_files.Values.Select(state => state.Good?.Zone).OfType<Zone>()));
            _store.Replace(zones);
            return zones.Zones.Count;
        }
    }

    private ZoneFileState Load(string file, ZoneFileState? previous)
    {
        LoadedZone? good = previous?.Good;
        List<FileStamp> filesRead = [];
        try
        {
            LoadedZone loaded = ZoneFile.Load(_directory, file, filesRead);
            foreach (string warning in loaded.Warnings)
            {
                DnsLog.ZoneWarning(_logger, warning);
            }

            Zone zone = loaded.Zone;
            DnsLog.ZoneLoaded(_logger, zone.Name, zone.Serial, zone.RecordCount, zone.FileName);
            if (good is not null && zone.Serial == good.Zone.Serial && !loaded.Files.SequenceEqual(good.Files))
            {
                DnsLog.SerialNotIncreased(_logger, zone.Name, zone.Serial);
            }

            return new ZoneFileState(loaded, loaded.Files);
        }
        catch (Exception ex) when (ex is ZoneFileException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            string error = ex is ZoneFileException ? ex.Message : $"{Path.Combine(_directory, file)}: {ex.Message}";
            if (good is not null)
            {
                DnsLog.ZoneKeptAfterError(_logger, good.Zone.Name, good.Zone.Serial, error);
            }
            else
            {
                DnsLog.ZoneNotLoaded(_logger, error);
            }

            // Remember what failed, so the same broken files are not re-read and re-reported on every event.
            return new ZoneFileState(good, filesRead.Count > 0 ? filesRead : [FileStamp.Of(Path.Combine(_directory, file))]);
        }
    }

    private IEnumerable<string> ListZoneFiles() =>
        System.IO.Directory.EnumerateFiles(_directory, "*" + ZoneFile.Extension).Select(Path.GetFileName).OfType<string>();

    /// <summary>Two files may name one zone in different case; the first in file-name order wins, the other is reported once.</summary>
    private List<Zone> Distinct(IEnumerable<Zone> zones)
    {
        HashSet<byte[]> origins = new(WireNameComparer.Instance);
        HashSet<string> shadowed = new(StringComparer.Ordinal);
        List<Zone> distinct = [];
        foreach (Zone zone in zones.OrderBy(zone => zone.FileName, StringComparer.Ordinal))
        {
            if (origins.Add(zone.Origin))
            {
                distinct.Add(zone);
            }
            else if (shadowed.Add(zone.FileName) && !_shadowedFiles.Contains(zone.FileName))
            {
                DnsLog.ZoneNotLoaded(_logger, $"{zone.FileName}: zone {zone.Name} is already loaded from another file");
            }
        }

        _shadowedFiles = shadowed;
        return distinct;
    }

    /// <summary>What a zone file last gave, and the files it was read from.</summary>
    private sealed record ZoneFileState(LoadedZone? Good, IReadOnlyList<FileStamp> Stamps)
    {
        public bool HasChanged() => Stamps.Any(stamp => FileStamp.Of(stamp.Path) != stamp);
    }
}
