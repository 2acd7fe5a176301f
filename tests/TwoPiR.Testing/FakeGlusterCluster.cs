using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace TwoPiR.Testing;

/// <summary>
/// The Gluster state several <see cref="FakeNodeShell"/>s share: who knows whom by which name, the
/// volumes, their options and bricks. Replies are rendered in the shapes gluster 10.3 prints with
/// <c>--xml</c> (see tests/TwoPiR.Provision.Tests/Samples). Peers join and bricks start at once unless told otherwise.
/// </summary>
internal sealed class FakeGlusterCluster
{
    /// <summary>The options <c>volume get VOLUME all</c> knows, with their defaults.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DefaultOptions { get; } =
    [
        new("cluster.granular-entry-heal", "on"),
        new("cluster.quorum-type", "auto"),
        new("cluster.self-heal-daemon", "on"),
        new("network.ping-timeout", "42"),
        new("nfs.disable", "on"),
        new("performance.cache-size", "32MB"),
        new("performance.client-io-threads", "off"),
        new("storage.fips-mode-rchecksum", "on"),
        new("transport.address-family", "inet"),
    ];

    // Options a new volume lists in `volume info`, as gluster 10.3 sets them at create.
    private static readonly string[] s_createdWith =
        ["cluster.granular-entry-heal", "storage.fips-mode-rchecksum", "transport.address-family", "nfs.disable", "performance.client-io-threads"];

    private readonly List<FakeNodeShell> _nodes = [];

    // For each node, the peers it knows and every name it knows each one by, in the order learnt.
    private readonly Dictionary<string, Dictionary<string, List<string>>> _known = new(StringComparer.OrdinalIgnoreCase);

    private int _joinPollsLeft;

    /// <summary>The lock every node's commands run under, so parallel phases see one consistent state.</summary>
    public Lock Sync { get; } = new();

    /// <summary>Every node, in the order added.</summary>
    public IReadOnlyList<FakeNodeShell> Nodes => _nodes;

    /// <summary>The volumes by name.</summary>
    public Dictionary<string, FakeVolume> Volumes { get; } = new(StringComparer.Ordinal);

    /// <summary>How many <c>pool list</c> calls a new peer stays "Accepted peer request" for; 0 joins at once.</summary>
    public int JoinPolls { get; set; }

    /// <summary>Whether new peers never reach "Peer in Cluster" (a firewall between the nodes, say).</summary>
    public bool PeersNeverJoin { get; set; }

    /// <summary>Whether brick processes fail to start (<c>volume start</c> succeeds, the bricks stay offline).</summary>
    public bool BricksFailToStart { get; set; }

    /// <summary>Adds a freshly installed Debian node (see <see cref="FakeNodeShell"/>).</summary>
    public FakeNodeShell AddNode(string name, string address)
    {
        FakeNodeShell node = new(this, name, address);
        _nodes.Add(node);
        _known[name] = new(StringComparer.OrdinalIgnoreCase);
        return node;
    }

    /// <summary>A stable UUID made from <paramref name="seed"/>.</summary>
    public static string UuidOf(string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();

    /// <summary>The names <paramref name="observer"/> knows <paramref name="peer"/> by; empty when it does not know it.</summary>
    public IReadOnlyList<string> NamesOf(FakeNodeShell observer, FakeNodeShell peer) =>
        _known[observer.Name].TryGetValue(peer.Name, out List<string>? names) ? names : [];

    /// <summary>Puts every node in one pool, each knowing every other by name, as a finished peers step leaves them.</summary>
    public void FormPool()
    {
        foreach (FakeNodeShell observer in _nodes)
        {
            foreach (FakeNodeShell peer in _nodes.Where(peer => peer != observer))
            {
                _known[observer.Name][peer.Name] = [peer.Name];
            }
        }
    }

    /// <summary>Makes <paramref name="observer"/> know <paramref name="peer"/> only by <paramref name="names"/> (an address, say).</summary>
    public void Know(FakeNodeShell observer, FakeNodeShell peer, params string[] names) => _known[observer.Name][peer.Name] = [.. names];

    /// <summary>Creates a volume as <c>volume create</c> would (brick folders and their .glusterfs included).</summary>
    public FakeVolume CreateVolume(string name, IEnumerable<string> bricks, int replicaCount, int arbiterCount = 0, bool started = false)
    {
        FakeVolume volume = new(name, bricks, replicaCount, arbiterCount) { Started = started };
        foreach (string brick in volume.Bricks)
        {
            (FakeNodeShell node, string path) = BrickOf(brick);
            node.MakeDirectory(path + "/.glusterfs");
        }

        Volumes[name] = volume;
        return volume;
    }

    /// <summary>Runs <c>gluster --mode=script ARGUMENTS --xml</c> on <paramref name="node"/>, glusterd up.</summary>
    public (int ExitCode, string Output) Run(FakeNodeShell node, string[] arguments)
    {
        string command = string.Join(' ', arguments);
        return arguments switch
        {
            ["pool", "list"] => (0, PoolList(node)),
            ["peer", "probe", string name] => (0, Probe(node, name)),
            ["volume", "info", "all"] => (0, VolumeInfo(Volumes.Values)),
            ["volume", "info", string name] => (0, Volumes.TryGetValue(name, out FakeVolume? volume)
                ? VolumeInfo([volume])
                : Reply(-1, 30806, "Volume does not exist", new XElement("volInfo", new XElement("volumes", new XElement("count", 0))))),
            ["volume", "create", string name, .. string[] rest] => (0, Create(node, name, rest)),
            ["volume", "start", string name] => (0, Start(name, force: false)),
            ["volume", "start", string name, "force"] => (0, Start(name, force: true)),
            ["volume", "status", string name] => (0, Status(node, name)),
            ["volume", "get", string name, "all"] => (0, Get(name)),
            ["volume", "set", string name, string key, string value] => (0, Set(name, key, value)),
            _ => throw new InvalidOperationException($"FakeGlusterCluster: gluster command not simulated: {command}"),
        };
    }

    private (FakeNodeShell Node, string Path) BrickOf(string brick)
    {
        int colon = brick.IndexOf(':', StringComparison.Ordinal);
        FakeNodeShell node = _nodes.FirstOrDefault(node => string.Equals(node.Name, brick[..colon], StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"FakeGlusterCluster: no node for brick {brick}");
        return (node, brick[(colon + 1)..]);
    }

    private string PoolList(FakeNodeShell node)
    {
        if (_joinPollsLeft > 0)
        {
            _joinPollsLeft--;
        }

        List<XElement> peers = [];
        foreach ((string peerName, List<string> names) in _known[node.Name])
        {
            FakeNodeShell peer = _nodes.First(other => string.Equals(other.Name, peerName, StringComparison.OrdinalIgnoreCase));
            bool joined = !PeersNeverJoin && _joinPollsLeft == 0;
            peers.Add(new XElement("peer",
                new XElement("uuid", peer.GlusterdUuid),
                new XElement("hostname", names[0]),
                new XElement("hostnames", names.Select(name => new XElement("hostname", name))),
                new XElement("connected", peer.IsActive("glusterd") ? 1 : 0),
                new XElement("state", joined ? 3 : 4),
                new XElement("stateStr", joined ? "Peer in Cluster" : "Accepted peer request")));
        }

        peers.Add(new XElement("peer", new XElement("uuid", node.GlusterdUuid), new XElement("hostname", "localhost"), new XElement("connected", 1)));
        return Reply(0, 0, "", new XElement("peerStatus", peers));
    }

    private string Probe(FakeNodeShell node, string name)
    {
        FakeNodeShell? peer = _nodes.FirstOrDefault(other => node.Resolve(name).Contains(other.Address, StringComparer.Ordinal));
        if (peer is null || !peer.IsActive("glusterd"))
        {
            return Reply(-1, 107, "Probe returned with Transport endpoint is not connected");
        }

        if (peer == node)
        {
            return Reply(0, 1, "", new XElement("output", "Probe on localhost not needed"));
        }

        Dictionary<string, List<string>> mine = _known[node.Name];
        if (mine.TryGetValue(peer.Name, out List<string>? names))
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }

            return Reply(0, 2, "", new XElement("output", $"Host {name} port 24007 already in peer list"));
        }

        if (_known[peer.Name].Count > 0)
        {
            return Reply(-1, 0, $"{name} is either already part of another cluster or having volumes configured");
        }

        // The prober tells the pool about the newcomer, and the newcomer about the pool, by the names it knows them by.
        foreach ((string member, List<string> memberNames) in mine.ToList())
        {
            _known[member][peer.Name] = [name];
            _known[peer.Name][member] = [.. memberNames];
        }

        mine[peer.Name] = [name];
        _known[peer.Name][node.Name] = [node.Address];
        _joinPollsLeft = JoinPolls;
        return Reply(0, 0, "", new XElement("output", "Probe successful"));
    }

    private string VolumeInfo(IEnumerable<FakeVolume> volumes)
    {
        List<XElement> elements = [];
        foreach (FakeVolume volume in volumes)
        {
            List<KeyValuePair<string, string>> options = [.. volume.SetOptions,
                .. s_createdWith.Where(key => !volume.SetOptions.Any(set => set.Key == key)).Select(key => DefaultOptions.First(option => option.Key == key))];
            elements.Add(new XElement("volume",
                new XElement("name", volume.Name),
                new XElement("id", volume.Id),
                new XElement("status", volume.Started ? 1 : 0),
                new XElement("statusStr", volume.Started ? "Started" : "Created"),
                new XElement("snapshotCount", 0),
                new XElement("brickCount", volume.Bricks.Count),
                new XElement("distCount", 1),
                new XElement("replicaCount", volume.ReplicaCount),
                new XElement("arbiterCount", volume.ArbiterCount),
                new XElement("disperseCount", 0),
                new XElement("redundancyCount", 0),
                new XElement("type", 2),
                new XElement("typeStr", "Replicate"),
                new XElement("transport", 0),
                new XElement("bricks", volume.Bricks.Select((brick, index) =>
                {
                    string uuid = BrickOf(brick).Node.GlusterdUuid;
                    bool arbiter = volume.ArbiterCount > 0 && index == volume.Bricks.Count - 1;
                    return new XElement("brick", new XAttribute("uuid", uuid), brick,
                        new XElement("name", brick), new XElement("hostUuid", uuid), new XElement("isArbiter", arbiter ? 1 : 0));
                })),
                new XElement("optCount", options.Count),
                new XElement("options", options.Select(option => new XElement("option", new XElement("name", option.Key), new XElement("value", option.Value))))));
        }

        return Reply(0, 0, "", new XElement("volInfo", new XElement("volumes", elements, new XElement("count", elements.Count))));
    }

    private string Create(FakeNodeShell node, string name, string[] rest)
    {
        (int replica, int arbiter, string[] bricks) = rest switch
        {
            ["replica", "3", "arbiter", "1", .. string[] tail] => (3, 1, tail),
            ["replica", string count, .. string[] tail] => (int.Parse(count, CultureInfo.InvariantCulture), 0, tail),
            _ => throw new InvalidOperationException($"FakeGlusterCluster: volume create without replica: {string.Join(' ', rest)}"),
        };
        bool force = bricks is [.., "force"];
        bricks = force ? bricks[..^1] : bricks;
        if (bricks.Length != replica)
        {
            return Reply(-1, 30800, $"Wrong brick type: {bricks.Length} bricks for replica {replica}");
        }

        if (Volumes.ContainsKey(name))
        {
            return Reply(-1, 30800, $"Volume {name} already exists");
        }

        foreach (string brick in bricks)
        {
            (FakeNodeShell owner, string path) = BrickOf(brick);
            if (owner != node && !_known[node.Name].ContainsKey(owner.Name))
            {
                return Reply(-1, 30800, $"Host {owner.Name} is not in 'Peer in Cluster' state");
            }

            if (owner.Exists(path + "/.glusterfs"))
            {
                return Reply(-1, 30800, $"{path} is already part of a volume");
            }

            if (!force && owner.IsOnRootDevice(path))
            {
                return Reply(-1, 30800, $"The brick {brick} is being created in the root partition. It is recommended that you don't use the system's root partition "
                    + "for storage backend. Or use 'force' at the end of the command if you want to override this behavior.");
            }
        }

        FakeVolume volume = CreateVolume(name, bricks, replica, arbiter);
        return Reply(0, 0, "", new XElement("volCreate", new XElement("volume", new XElement("name", name), new XElement("id", volume.Id))));
    }

    private string Start(string name, bool force)
    {
        if (!Volumes.TryGetValue(name, out FakeVolume? volume))
        {
            return Reply(-1, 30800, $"Volume {name} does not exist");
        }

        if (volume.Started && !force)
        {
            return Reply(-1, 30800, $"Volume {name} already started");
        }

        volume.Started = true;
        volume.OfflineBricks.Clear();
        if (BricksFailToStart)
        {
            volume.OfflineBricks.UnionWith(volume.Bricks);
        }

        return Reply(0, 0, "", new XElement("volStart", new XElement("volume", new XElement("name", name), new XElement("id", volume.Id))));
    }

    private string Status(FakeNodeShell node, string name)
    {
        if (!Volumes.TryGetValue(name, out FakeVolume? volume))
        {
            return Reply(-1, 30800, $"Volume {name} does not exist");
        }

        if (!volume.Started)
        {
            return Reply(-1, 30800, $"Volume {name} is not started", new XElement("cliOp", "volStatus"), new XElement("output", $"Volume {name} is not started"));
        }

        List<XElement> nodes = [];
        int port = 58723;
        foreach (string brick in volume.Bricks)
        {
            (FakeNodeShell owner, string path) = BrickOf(brick);
            bool online = !volume.OfflineBricks.Contains(brick) && owner.IsActive("glusterd");
            nodes.Add(StatusNode(owner.Name, path, owner.GlusterdUuid, online, online ? (port++).ToString(CultureInfo.InvariantCulture) : "N/A"));
        }

        foreach (FakeNodeShell owner in volume.Bricks.Select(brick => BrickOf(brick).Node).Distinct())
        {
            nodes.Add(StatusNode("Self-heal Daemon", owner == node ? "localhost" : owner.Name, owner.GlusterdUuid, owner.IsActive("glusterd"), "N/A"));
        }

        return Reply(0, 0, "", new XElement("volStatus", new XElement("volumes", new XElement("volume",
            new XElement("volName", name), new XElement("nodeCount", nodes.Count), nodes, new XElement("tasks")))));
    }

    private static XElement StatusNode(string hostname, string path, string uuid, bool online, string port) =>
        new("node",
            new XElement("hostname", hostname),
            new XElement("path", path),
            new XElement("peerid", uuid),
            new XElement("status", online ? 1 : 0),
            new XElement("port", port),
            new XElement("ports", new XElement("tcp", port), new XElement("rdma", "N/A")),
            new XElement("pid", online ? 13697 : -1));

    private string Get(string name)
    {
        if (!Volumes.TryGetValue(name, out FakeVolume? volume))
        {
            return Reply(-1, 30800, $"Volume {name} does not exist");
        }

        List<XElement> options = [.. DefaultOptions.Select(option => new XElement("Opt",
            new XElement("Option", option.Key),
            new XElement("Value", volume.SetOptions.FirstOrDefault(set => set.Key == option.Key).Value ?? option.Value)))];
        return Reply(0, 0, "", new XElement("volGetopts", new XElement("count", options.Count), options));
    }

    private string Set(string name, string key, string value)
    {
        if (!Volumes.TryGetValue(name, out FakeVolume? volume))
        {
            return Reply(-1, 30800, $"Volume {name} does not exist");
        }

        if (!DefaultOptions.Any(option => option.Key == key))
        {
            return Reply(-1, 30800, $"option : {key} does not exist", new XElement("cliOp", "volSet"));
        }

        volume.SetOptions.RemoveAll(set => set.Key == key);
        volume.SetOptions.Insert(0, new(key, value));
        return Reply(0, 0, "", new XElement("cliOp", "volSet"), new XElement("output", "Set volume successful"));
    }

    private static string Reply(int opRet, int opErrno, string opErrstr, params object[] content)
    {
        XElement root = new("cliOutput",
            new XElement("opRet", opRet),
            new XElement("opErrno", opErrno),
            new XElement("opErrstr", opErrstr.Length > 0 ? opErrstr : null),
            content);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + root + "\n";
    }
}
