using System.Xml.Linq;

namespace TwoPiR.Provision.Gluster;

/// <summary>Reads the parts of gluster's XML replies the steps decide on.</summary>
internal static class GlusterXml
{
    /// <summary>The peers of <c>pool list</c> or <c>peer status</c>.</summary>
    public static IReadOnlyList<Peer> Peers(GlusterReply reply) =>
        reply.Root.Descendants("peer").Select(peer => new Peer(
            Text(peer, "uuid"),
            [.. peer.Element("hostnames")?.Elements("hostname").Select(name => name.Value.Trim()) ?? [], Text(peer, "hostname")],
            Text(peer, "connected") == "1",
            Text(peer, "stateStr"))).ToList();

    /// <summary>The volumes of <c>volume info</c>.</summary>
    public static IReadOnlyList<VolumeInfo> Volumes(GlusterReply reply) =>
        reply.Root.Descendants("volume").Where(volume => volume.Element("name") is not null).Select(volume => new VolumeInfo(
            Text(volume, "name"),
            Text(volume, "status") == "1",
            Number(volume, "replicaCount"),
            Number(volume, "arbiterCount"),
            volume.Element("bricks")?.Elements("brick").Select(brick => Text(brick, "name")).ToList() ?? [],
            Text(volume, "typeStr"))).ToList();

    /// <summary>The brick processes of <c>volume status</c>; the self-heal daemon's entries are left out.</summary>
    public static IReadOnlyList<BrickStatus> Bricks(GlusterReply reply) =>
        reply.Root.Descendants("node").Where(node => Text(node, "path").StartsWith('/')).Select(node => new BrickStatus(
            Text(node, "hostname") + ":" + Text(node, "path"),
            Text(node, "status") == "1")).ToList();

    /// <summary>The options of <c>volume get VOLUME all</c> (or one option), by name.</summary>
    public static IReadOnlyDictionary<string, string> Options(GlusterReply reply) =>
        reply.Root.Descendants("Opt")
            .GroupBy(option => Text(option, "Option"), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => Text(group.First(), "Value"), StringComparer.Ordinal);

    /// <summary>Each brick's count of <c>volume heal VOLUME info</c> (or <c>info split-brain</c>).</summary>
    public static IReadOnlyList<HealCount> Heal(GlusterReply reply) =>
        reply.Root.Descendants("brick").Select(brick => new HealCount(
            Text(brick, "name"),
            Text(brick, "status"),
            int.TryParse(Text(brick, "numberOfEntries"), out int entries) ? entries : -1)).ToList();

    private static string Text(XElement parent, string name) => parent.Element(name)?.Value.Trim() ?? "";

    private static int Number(XElement parent, string name) => int.TryParse(Text(parent, name), out int value) ? value : 0;
}
