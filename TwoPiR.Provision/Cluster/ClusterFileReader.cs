using System.Net;
using System.Text.RegularExpressions;
using TwoPiR.Dns;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TwoPiR.Provision.Cluster;

/// <summary>Reads a cluster file and checks it, naming the file and the line or key of every problem.</summary>
internal static partial class ClusterFileReader
{
    private const string DefaultVolume = "gv0";
    private const string DefaultBrick = "/srv/gluster/brick";
    private const string DefaultMount = "/mnt/gluster1";
    private const string DefaultHealthPath = "/twopir-health";
    private const uint DefaultTtl = 30;

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="ClusterFileException">The file is missing, is not valid YAML, or describes an unusable cluster.</exception>
    public static ClusterSpec Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ClusterFileException($"{path}: cannot read the cluster file: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks cluster file text; relative paths in it are relative to <paramref name="path"/>'s folder.</summary>
    /// <exception cref="ClusterFileException">The text is not valid YAML or describes an unusable cluster.</exception>
    public static ClusterSpec Parse(string text, string path)
    {
        ClusterFile file;
        try
        {
            IDeserializer deserializer = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build();
            file = deserializer.Deserialize<ClusterFile?>(text) ?? new ClusterFile();
        }
        catch (YamlException ex)
        {
            string reason = (ex.InnerException?.Message ?? ex.Message).Split('\n')[0];
            throw new ClusterFileException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {Unwrap(reason)}", ex);
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new Checker(path, folder).Check(file);
    }

    // YamlDotNet words unknown keys as "Property 'x' not found on type 'TwoPiR...'"; say it in the file's terms.
    private static string Unwrap(string reason)
    {
        Match unknown = UnknownKey().Match(reason);
        return unknown.Success ? $"unknown key '{unknown.Groups[1].Value}'" : reason;
    }

    [GeneratedRegex("Property '([^']*)' not found on type")]
    private static partial Regex UnknownKey();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex HostLabel();

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex VolumeName();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex OptionKey();

    private sealed class Checker(string source, string folder)
    {
        private readonly List<string> _errors = [];

        public ClusterSpec Check(ClusterFile file)
        {
            string mount = AbsolutePath(file.Mount ?? DefaultMount, "mount");
            List<ClusterNode> nodes = Nodes(file);
            VolumeSpec volume = Volume(file.Volume ?? new VolumeEntry(), nodes);
            SiteSpec site = Site(file.Site ?? new SiteEntry(), mount);
            ZoneSpec zone = Zone(file.Zone, site);
            if (_errors.Count > 0)
            {
                throw new ClusterFileException(string.Join(Environment.NewLine, _errors.Select(error => $"{source}: {error}")));
            }

            // The arbiter goes last so bricks are listed in the order `replica 3 arbiter 1` expects; OrderBy
            // is stable, so the web nodes keep the file's order (List.Sort is not, and need not).
            return new ClusterSpec(source, [.. nodes.OrderBy(node => node.IsArbiter)], volume, mount, site, zone);
        }

        private List<ClusterNode> Nodes(ClusterFile file)
        {
            List<ClusterNode> nodes = [];
            SshEntry defaults = file.Ssh ?? new SshEntry();
            List<NodeEntry> entries = file.Nodes ?? [];
            for (int i = 0; i < entries.Count; i++)
            {
                NodeEntry entry = entries[i];
                string key = $"nodes[{i}]";
                string name = entry.Name ?? "";
                if (!IsHostName(name))
                {
                    _errors.Add($"{key}.name: '{name}' is not a host name (letters, digits and '-', dot-separated)");
                }

                if (!AddressText.TryParseAddress(entry.Address ?? "", out IPAddress? address))
                {
                    _errors.Add($"{key}.address: '{entry.Address}' is not an IPv4 or IPv6 address");
                    address = IPAddress.None;
                }

                bool isArbiter = file.Volume?.Arbiter is { } arbiter && string.Equals(arbiter, name, StringComparison.OrdinalIgnoreCase);
                nodes.Add(new ClusterNode(name, address, Login(entry, defaults, key), isArbiter));
            }

            if (nodes.Count(node => !node.IsArbiter) != 2)
            {
                _errors.Add($"nodes: {nodes.Count(node => !node.IsArbiter)} web nodes listed; a TwoPiR cluster has exactly two (plus, optionally, a small arbiter node named by volume.arbiter)");
            }

            foreach (IGrouping<string, ClusterNode> same in nodes.GroupBy(node => node.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
            {
                _errors.Add($"nodes: the name '{same.Key}' is used {same.Count()} times");
            }

            foreach (IGrouping<IPAddress, ClusterNode> same in nodes.Where(node => !node.Address.Equals(IPAddress.None)).GroupBy(node => node.Address).Where(group => group.Count() > 1))
            {
                _errors.Add($"nodes: the address {same.Key} is used {same.Count()} times");
            }

            return nodes;
        }

        private SshLogin Login(NodeEntry node, SshEntry defaults, string key)
        {
            string user = node.User ?? defaults.User ?? "root";
            int port = node.Port ?? defaults.Port ?? 22;
            if (port is < 1 or > 65535)
            {
                _errors.Add($"{key}.port: {port} is not a TCP port");
            }

            string? identity = LocalPath(node.Identity ?? defaults.Identity);
            string? knownHosts = LocalPath(node.KnownHosts ?? defaults.KnownHosts);
            bool sudo = node.Sudo ?? defaults.Sudo ?? user != "root";
            return new SshLogin(user, port, identity, sudo, knownHosts);
        }

        private VolumeSpec Volume(VolumeEntry entry, List<ClusterNode> nodes)
        {
            string name = entry.Name ?? DefaultVolume;
            if (!VolumeName().IsMatch(name))
            {
                _errors.Add($"volume.name: '{name}' may hold only letters, digits, '-', '_' and '.'");
            }

            string brick = AbsolutePath(entry.Brick ?? DefaultBrick, "volume.brick");
            ClusterNode? arbiter = null;
            if (entry.Arbiter is { } arbiterName)
            {
                arbiter = nodes.FirstOrDefault(node => node.IsArbiter);
                if (arbiter is null)
                {
                    _errors.Add($"volume.arbiter: '{arbiterName}' is not one of the nodes");
                }

                if (entry.Replica is not (null or 3))
                {
                    _errors.Add($"volume.replica: with an arbiter the volume is 'replica 3 arbiter 1'; write 3 or leave it out");
                }
            }
            else if (entry.Replica is not 2)
            {
                _errors.Add(entry.Replica is null
                    ? "volume: say 'replica: 2' (with acceptSplitBrainRisk: true) or name an arbiter node"
                    : $"volume.replica: {entry.Replica} is not supported; two web nodes make 'replica: 2', or 3 with an arbiter");
            }
            else if (entry.AcceptSplitBrainRisk is not true)
            {
                _errors.Add("volume.acceptSplitBrainRisk: replica 2 can split-brain: if the nodes lose sight of each other and both take writes, "
                    + "Gluster cannot tell which copy is right and refuses to serve the file until someone picks one. "
                    + "Add a small third node as 'arbiter:', or set 'acceptSplitBrainRisk: true' to go ahead");
            }

            List<KeyValuePair<string, string>> options = GlusterDefaults.Options
                .Where(option => entry.Options?.ContainsKey(option.Key) != true)
                .Select(option => KeyValuePair.Create(option.Key, option.Value))
                .ToList();
            foreach ((string key, string value) in entry.Options ?? [])
            {
                if (!OptionKey().IsMatch(key) || string.IsNullOrWhiteSpace(value) || value.Contains('\n', StringComparison.Ordinal))
                {
                    _errors.Add($"volume.options: '{key}: {value}' is not a Gluster option and value");
                }

                options.Add(KeyValuePair.Create(key, value));
            }

            return new VolumeSpec(name, brick, arbiter, entry.AllowRootFilesystem ?? false, options);
        }

        private SiteSpec Site(SiteEntry entry, string mount)
        {
            List<string> names = entry.ServerNames ?? [];
            if (names.Count == 0)
            {
                _errors.Add("site.serverNames: list at least one name the site is served under, e.g. [twopir.example.com]");
            }

            foreach (string name in names.Where(name => !IsHostName(name)))
            {
                _errors.Add($"site.serverNames: '{name}' is not a host name");
            }

            string root = AbsolutePath(entry.Root ?? mount + "/www", "site.root");
            if (!root.StartsWith(mount + "/", StringComparison.Ordinal))
            {
                _errors.Add($"site.root: '{root}' must be under the mount point {mount}, so every node serves the same files");
            }

            string health = entry.HealthPath ?? DefaultHealthPath;
            if (!health.StartsWith('/') || health.EndsWith('/') || health.Contains("..", StringComparison.Ordinal) || health.Any(char.IsWhiteSpace))
            {
                _errors.Add($"site.healthPath: '{health}' must be a file's URL path such as /twopir-health");
            }

            return new SiteSpec(names, root, health);
        }

        private ZoneSpec Zone(ZoneEntry? entry, SiteSpec site)
        {
            if (entry?.File is not { } file)
            {
                _errors.Add("zone.file: name the zone file that gets the site's address records, e.g. ../zones/example.com.zone");
                return new ZoneSpec("", "", DefaultTtl);
            }

            string name = entry.Name ?? (site.ServerNames.Count > 0 ? site.ServerNames[0] + "." : "");
            return new ZoneSpec(LocalPath(file)!, name, entry.Ttl ?? DefaultTtl);
        }

        private string AbsolutePath(string path, string key)
        {
            string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
            if (!trimmed.StartsWith('/') || trimmed == "/" || trimmed.Contains("/../", StringComparison.Ordinal) || trimmed.EndsWith("/..", StringComparison.Ordinal)
                || trimmed.Any(c => char.IsControl(c)))
            {
                _errors.Add($"{key}: '{path}' must be an absolute path below /");
            }

            return trimmed;
        }

        private string? LocalPath(string? path)
        {
            if (path is null)
            {
                return null;
            }

            if (path.StartsWith("~/", StringComparison.Ordinal))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
            }

            return Path.GetFullPath(path, folder);
        }

        private static bool IsHostName(string name) =>
            name.Length is > 0 and <= 253 && name.TrimEnd('.').Split('.').All(HostLabel().IsMatch);
    }
}
