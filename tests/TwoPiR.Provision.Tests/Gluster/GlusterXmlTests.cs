using TwoPiR.Provision.Gluster;

namespace TwoPiR.Provision.Tests.Gluster;

[TestFixture]
public sealed class GlusterXmlTests
{
    private const string Pi1Uuid = "eb2e99f7-258a-4bb4-a7e1-ed566ae45595";
    private const string Pi2Uuid = "4f4ae17a-727c-4eb6-8036-23606e4b011e";

    [Test]
    public void Peers_PoolList_OtherNodeInClusterAndSelfAsLocalhost()
    {
        IReadOnlyList<Peer> peers = GlusterXml.Peers(Reply("pool-list.xml"));

        Assert.That(peers.Select(peer => (peer.Uuid, peer.Connected, peer.State, peer.IsSelf, peer.IsHealthy)), Is.EqualTo(new[]
        {
            (Pi2Uuid, true, Peer.InCluster, false, true),
            (Pi1Uuid, true, "", true, true),   // the self entry has no stateStr, yet is healthy
        }));
        Assert.That((peers[0].IsKnownAs("PI2"), peers[0].IsKnownAs("pi1"), peers[1].IsKnownAs("localhost")), Is.EqualTo((true, false, true)));
    }

    [Test]
    public void Peers_PoolListBeforePeering_OnlySelf()
    {
        IReadOnlyList<Peer> peers = GlusterXml.Peers(Reply("pool-list-before-peering.xml"));

        Assert.That(peers.Select(peer => (peer.Uuid, peer.IsSelf, peer.IsHealthy)), Is.EqualTo(new[] { (Pi2Uuid, true, true) }));
    }

    [Test]
    public void Peers_PeerStatus_OnlyTheOtherNode()
    {
        IReadOnlyList<Peer> peers = GlusterXml.Peers(Reply("peer-status.xml"));

        Assert.That(peers.Select(peer => (peer.Uuid, peer.IsSelf, peer.IsHealthy)), Is.EqualTo(new[] { (Pi2Uuid, false, true) }));
        Assert.That(peers[0].HostNames, Is.All.EqualTo("pi2"));
    }

    [Test]
    public void Peers_ProbedButNotAccepted_NotHealthy()
    {
        GlusterReply reply = GlusterReply.Parse("""
            <cliOutput><opRet>0</opRet><peerStatus><peer><uuid>u</uuid><hostname>pi2</hostname><connected>1</connected>
            <stateStr>Accepted peer request</stateStr></peer></peerStatus></cliOutput>
            """, "");

        Assert.That(GlusterXml.Peers(reply).Single().IsHealthy, Is.False);
    }

    [Test]
    public void Peers_Disconnected_NotHealthy()
    {
        GlusterReply reply = GlusterReply.Parse("""
            <cliOutput><opRet>0</opRet><peerStatus><peer><uuid>u</uuid><hostname>pi2</hostname><connected>0</connected>
            <stateStr>Peer in Cluster</stateStr></peer></peerStatus></cliOutput>
            """, "");

        Assert.That(GlusterXml.Peers(reply).Single().IsHealthy, Is.False);
    }

    [Test]
    public void Volumes_Started_BricksReplicaAndType()
    {
        VolumeInfo volume = GlusterXml.Volumes(Reply("volume-info-gv0.xml")).Single();

        Assert.That((volume.Name, volume.Started, volume.ReplicaCount, volume.ArbiterCount, volume.TypeName), Is.EqualTo(("gv0", true, 2, 0, "Replicate")));
        Assert.That(volume.Bricks, Is.EqualTo(new[] { "pi1:/srv/gluster/brick", "pi2:/srv/gluster/brick" }));
    }

    [Test]
    public void Volumes_CreatedNotStarted_NotStarted()
    {
        VolumeInfo volume = GlusterXml.Volumes(Reply("volume-info-gv0-created.xml")).Single();

        Assert.That((volume.Name, volume.Started), Is.EqualTo(("gv0", false)));
    }

    [Test]
    public void Volumes_AllVolumes_OneVolume()
    {
        Assert.That(GlusterXml.Volumes(Reply("volume-info.xml")).Select(volume => volume.Name), Is.EqualTo(new[] { "gv0" }));
    }

    [TestCase("volume-info-all-none.xml")]
    [TestCase("volume-info-gv0-missing.xml")]
    public void Volumes_NoVolumeDescribed_Empty(string sample)
    {
        Assert.That(GlusterXml.Volumes(GlusterReply.Parse(Samples.Read(sample), "")), Is.Empty);
    }

    [Test]
    public void Volumes_Arbiter_ArbiterCountRead()
    {
        GlusterReply reply = GlusterReply.Parse("""
            <cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>gv0</name><status>1</status>
            <replicaCount>3</replicaCount><arbiterCount>1</arbiterCount><typeStr>Replicate</typeStr>
            <bricks><brick><name>pi1:/b</name></brick><brick><name>pi2:/b</name></brick><brick><name>pi3:/b</name><isArbiter>1</isArbiter></brick></bricks>
            </volume><count>1</count></volumes></volInfo></cliOutput>
            """, "");

        VolumeInfo volume = GlusterXml.Volumes(reply).Single();

        Assert.That((volume.ReplicaCount, volume.ArbiterCount, volume.Bricks.Count), Is.EqualTo((3, 1, 3)));
    }

    [Test]
    public void Bricks_VolumeStatus_BothBricksOnlineSelfHealDaemonsLeftOut()
    {
        IReadOnlyList<BrickStatus> bricks = GlusterXml.Bricks(Reply("volume-status-gv0.xml"));

        Assert.That(bricks, Is.EqualTo(new[] { new BrickStatus("pi1:/srv/gluster/brick", true), new BrickStatus("pi2:/srv/gluster/brick", true) }));
    }

    [Test]
    public void Bricks_BrickDown_Offline()
    {
        string text = Samples.Read("volume-status-gv0.xml").Replace("<pid>13733</pid>", "<pid>-1</pid>", StringComparison.Ordinal);
        int second = text.IndexOf("<hostname>pi2</hostname>", StringComparison.Ordinal);
        int status = text.IndexOf("<status>1</status>", second, StringComparison.Ordinal);
        text = text[..status] + "<status>0</status>" + text[(status + "<status>1</status>".Length)..];

        IReadOnlyList<BrickStatus> bricks = GlusterXml.Bricks(GlusterReply.Parse(text, ""));

        Assert.That(bricks.Select(brick => brick.Online), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void Options_VolumeGet_ValueByName()
    {
        IReadOnlyDictionary<string, string> options = GlusterXml.Options(Reply("volume-get-ping-timeout.xml"));

        Assert.That(options, Is.EqualTo(new Dictionary<string, string> { ["network.ping-timeout"] = "10" }));
    }

    [Test]
    public void Options_SameOptionTwice_FirstWins()
    {
        GlusterReply reply = GlusterReply.Parse("""
            <cliOutput><opRet>0</opRet><volGetopts><count>2</count>
            <Opt><Option>a.b</Option><Value>1</Value></Opt><Opt><Option>a.b</Option><Value>2</Value></Opt>
            </volGetopts></cliOutput>
            """, "");

        Assert.That(GlusterXml.Options(reply)["a.b"], Is.EqualTo("1"));
    }

    [TestCase("volume-heal-info.xml")]
    [TestCase("volume-heal-info-split-brain.xml")]
    public void Heal_NothingToHeal_ZeroPerBrick(string sample)
    {
        IReadOnlyList<HealCount> counts = GlusterXml.Heal(Reply(sample));

        Assert.That(counts, Is.EqualTo(new[]
        {
            new HealCount("pi1:/srv/gluster/brick", "Connected", 0),
            new HealCount("pi2:/srv/gluster/brick", "Connected", 0),
        }));
    }

    [Test]
    public void Heal_BrickDown_MinusOneEntries()
    {
        GlusterReply reply = GlusterReply.Parse("""
            <cliOutput><healInfo><bricks>
            <brick><name>pi1:/b</name><status>Connected</status><numberOfEntries>3</numberOfEntries></brick>
            <brick><name>pi2:/b</name><status>Transport endpoint is not connected</status><numberOfEntries>-</numberOfEntries></brick>
            </bricks></healInfo><opRet>0</opRet></cliOutput>
            """, "");

        Assert.That(GlusterXml.Heal(reply), Is.EqualTo(new[]
        {
            new HealCount("pi1:/b", "Connected", 3),
            new HealCount("pi2:/b", "Transport endpoint is not connected", -1),
        }));
    }

    private static GlusterReply Reply(string sample) => GlusterReply.Parse(Samples.Read(sample), "").EnsureSucceeded();
}
