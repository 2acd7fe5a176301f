using System.Net;
using TwoPiR.Provision.Cluster;

namespace TwoPiR.Provision.Tests.Cluster;

[TestFixture]
public sealed class ClusterFileReaderTests
{
    // Only a name: Parse reads no file, it resolves relative paths against this one's folder.
    private const string Source = "/home/op/site/cluster.yaml";

    private const string Sample = """
        nodes:
          - name: pi1
            address: 192.0.2.11
          - name: pi2
            address: 192.0.2.12
            port: 2222
        ssh:
          user: pi
          identity: keys/id_ed25519
          knownHosts: ~/.ssh/known_hosts
        volume:
          name: gv0
          brick: /srv/gluster/brick
          replica: 2
          acceptSplitBrainRisk: true
          allowRootFilesystem: true
          options:
            performance.cache-size: 64MB
        mount: /mnt/gluster1
        site:
          serverNames: [twopir.example.com, www.example.com]
        zone:
          file: ../zones/example.com.zone
          name: twopir
          ttl: 30
        """;

    // The least a valid file says; everything else defaults.
    private const string Minimal = """
        nodes:
          - name: pi1
            address: 192.0.2.11
          - name: pi2
            address: 192.0.2.12
        volume:
          replica: 2
          acceptSplitBrainRisk: true
        site:
          serverNames: [twopir.example.com]
        zone:
          file: example.com.zone
        """;

    private static readonly string s_home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    [Test]
    public void Parse_SampleFile_Nodes()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Sample, Source);

        Assert.That(spec.Nodes.Select(node => (node.Name, node.Address, node.IsArbiter)), Is.EqualTo(new[]
        {
            ("pi1", IPAddress.Parse("192.0.2.11"), false),
            ("pi2", IPAddress.Parse("192.0.2.12"), false),
        }));
        Assert.That((spec.Source, spec.First.Name, spec.WebNodes.Count()), Is.EqualTo((Source, "pi1", 2)));
    }

    [Test]
    public void Parse_SampleFile_SshLoginsWithPathsResolved()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Sample, Source);

        string knownHosts = Path.Combine(s_home, ".ssh/known_hosts");
        Assert.That(spec.Nodes.Select(node => node.Ssh), Is.EqualTo(new[]
        {
            new SshLogin("pi", 22, "/home/op/site/keys/id_ed25519", Sudo: true, knownHosts),
            new SshLogin("pi", 2222, "/home/op/site/keys/id_ed25519", Sudo: true, knownHosts),
        }));
    }

    [Test]
    public void Parse_SampleFile_VolumeWithDefaultOptionFirst()
    {
        VolumeSpec volume = ClusterFileReader.Parse(Sample, Source).Volume;

        Assert.That((volume.Name, volume.Brick, volume.Arbiter, volume.AllowRootFilesystem), Is.EqualTo(("gv0", "/srv/gluster/brick", (ClusterNode?)null, true)));
        Assert.That(volume.Options, Is.EqualTo(new[]
        {
            KeyValuePair.Create("network.ping-timeout", "10"),
            KeyValuePair.Create("performance.cache-size", "64MB"),
        }));
    }

    [Test]
    public void Parse_SampleFile_MountSiteAndZone()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Sample, Source);

        Assert.That(spec.MountPoint, Is.EqualTo("/mnt/gluster1"));
        Assert.That(spec.SiteConfigOnVolume, Is.EqualTo("/mnt/gluster1/nginx/twopir.conf"));
        Assert.That((spec.Site.ServerNames, spec.Site.Root, spec.Site.HealthPath, spec.Site.HealthFile),
            Is.EqualTo((new[] { "twopir.example.com", "www.example.com" }, "/mnt/gluster1/www", "/twopir-health", "/mnt/gluster1/www/twopir-health")));
        Assert.That(spec.Zone, Is.EqualTo(new ZoneSpec("/home/op/zones/example.com.zone", "twopir", 30)));
    }

    [Test]
    public void Parse_MinimalFile_Defaults()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Minimal, Source);

        Assert.That((spec.Volume.Name, spec.Volume.Brick, spec.Volume.AllowRootFilesystem, spec.MountPoint, spec.Site.Root, spec.Site.HealthPath),
            Is.EqualTo(("gv0", "/srv/gluster/brick", false, "/mnt/gluster1", "/mnt/gluster1/www", "/twopir-health")));
        Assert.That(spec.Volume.Options, Is.EqualTo(new[] { KeyValuePair.Create("network.ping-timeout", "10") }));
        Assert.That(spec.Zone, Is.EqualTo(new ZoneSpec("/home/op/site/example.com.zone", "twopir.example.com.", 30)));
    }

    [Test]
    public void Parse_MinimalFile_RootWithoutSudoOnPort22()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Minimal, Source);

        Assert.That(spec.Nodes.Select(node => node.Ssh), Is.All.EqualTo(new SshLogin("root", 22, null, Sudo: false, null)));
    }

    [Test]
    public void Parse_NonRootUser_Sudo()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Minimal + "\nssh:\n  user: admin\n", Source);

        Assert.That(spec.Nodes.Select(node => (node.Ssh.User, node.Ssh.Sudo)), Is.All.EqualTo(("admin", true)));
    }

    [Test]
    public void Parse_SudoSaidExplicitly_Wins()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Minimal + "\nssh:\n  user: admin\n  sudo: false\n", Source);

        Assert.That(spec.Nodes.Select(node => node.Ssh.Sudo), Is.All.False);
    }

    [Test]
    public void Parse_NodeOverridesSsh_OnlyThatNode()
    {
        const string File = """
            nodes:
              - name: pi1
                address: 192.0.2.11
                user: root
                port: 2200
                identity: /keys/pi1
                knownHosts: ~/pi1_known_hosts
                sudo: true
              - name: pi2
                address: 192.0.2.12
            ssh:
              user: pi
              port: 2222
              identity: /keys/all
              knownHosts: /etc/ssh/ssh_known_hosts
            volume: { replica: 2, acceptSplitBrainRisk: true }
            site: { serverNames: [twopir.example.com] }
            zone: { file: example.com.zone }
            """;

        ClusterSpec spec = ClusterFileReader.Parse(File, Source);

        Assert.That(spec.Nodes.Select(node => node.Ssh), Is.EqualTo(new[]
        {
            new SshLogin("root", 2200, "/keys/pi1", Sudo: true, Path.Combine(s_home, "pi1_known_hosts")),
            new SshLogin("pi", 2222, "/keys/all", Sudo: true, "/etc/ssh/ssh_known_hosts"),
        }));
    }

    [Test]
    public void Parse_RelativeSourcePath_PathsResolvedAgainstItsFolder()
    {
        ClusterSpec spec = ClusterFileReader.Parse(Minimal, "site/cluster.yaml");

        Assert.That(spec.Zone.File, Is.EqualTo(Path.GetFullPath("site/example.com.zone")));
    }

    [Test]
    public void Parse_UserOptionOverridesDefault_UserWins()
    {
        string text = Minimal.Replace("  acceptSplitBrainRisk: true", "  acceptSplitBrainRisk: true\n  options:\n    network.ping-timeout: 5\n    cluster.quorum-type: auto", StringComparison.Ordinal);

        ClusterSpec spec = ClusterFileReader.Parse(text, Source);

        Assert.That(spec.Volume.Options, Is.EqualTo(new[]
        {
            KeyValuePair.Create("network.ping-timeout", "5"),
            KeyValuePair.Create("cluster.quorum-type", "auto"),
        }));
    }

    [Test]
    public void Parse_Arbiter_MarkedSortedLastReplica3()
    {
        const string File = """
            nodes:
              - name: pi3
                address: 192.0.2.13
              - name: pi1
                address: 192.0.2.11
              - name: pi2
                address: 192.0.2.12
            volume:
              arbiter: pi3
            site: { serverNames: [twopir.example.com] }
            zone: { file: example.com.zone }
            """;

        ClusterSpec spec = ClusterFileReader.Parse(File, Source);

        Assert.That(spec.Nodes.Select(node => (node.Name, node.IsArbiter)), Is.EqualTo(new[] { ("pi1", false), ("pi2", false), ("pi3", true) }));
        Assert.That(spec.Volume.Arbiter?.Name, Is.EqualTo("pi3"));
        Assert.That(spec.WebNodes.Select(node => node.Name), Is.EqualTo(new[] { "pi1", "pi2" }));
        Assert.That(spec.First.Name, Is.EqualTo("pi1"));
    }

    [Test]
    public void Parse_ArbiterWithReplica3_Accepted()
    {
        string text = Minimal.Replace("  replica: 2\n  acceptSplitBrainRisk: true", "  replica: 3\n  arbiter: pi3", StringComparison.Ordinal)
            .Replace("address: 192.0.2.12\n", "address: 192.0.2.12\n  - name: pi3\n    address: 192.0.2.13\n", StringComparison.Ordinal);

        Assert.That(ClusterFileReader.Parse(text, Source).Volume.Arbiter?.Name, Is.EqualTo("pi3"));
    }

    [Test]
    public void Parse_IPv6Address_Accepted()
    {
        string text = Minimal.Replace("192.0.2.12", "'2001:db8::12'", StringComparison.Ordinal);

        Assert.That(ClusterFileReader.Parse(text, Source).Nodes[1].Address, Is.EqualTo(IPAddress.Parse("2001:db8::12")));
    }

    [Test]
    public void Parse_YamlSyntaxError_NamesFileLineAndColumn()
    {
        string text = Minimal.Replace("    address: 192.0.2.12", "    address: [192.0.2.12", StringComparison.Ordinal);

        Assert.That(() => ClusterFileReader.Parse(text, Source),
            Throws.TypeOf<ClusterFileException>().With.Message.Match(@"^/home/op/site/cluster\.yaml:\d+:\d+: "));
    }

    [Test]
    public void Parse_TabIndentation_NamesFileLineAndColumn()
    {
        // YamlDotNet places this one at the mapping it was scanning (1:1), not at the tab.
        Assert.That(() => ClusterFileReader.Parse("nodes:\n\t- name: pi1\n", Source),
            Throws.TypeOf<ClusterFileException>().With.Message.Match(@"^/home/op/site/cluster\.yaml:\d+:\d+: .*tab"));
    }

    [Test]
    public void Parse_UnknownKey_SaysUnknownKeyWithItsLine()
    {
        string text = Minimal + "\nxyz: 1\n";

        Assert.That(() => ClusterFileReader.Parse(text, Source),
            Throws.TypeOf<ClusterFileException>().With.Message.Match(@"^/home/op/site/cluster\.yaml:\d+:\d+: unknown key 'xyz'$"));
    }

    [Test]
    public void Parse_UnknownNestedKey_SaysUnknownKey()
    {
        string text = Minimal.Replace("  replica: 2", "  replicas: 2", StringComparison.Ordinal);

        Assert.That(() => ClusterFileReader.Parse(text, Source),
            Throws.TypeOf<ClusterFileException>().With.Message.Match(@"^/home/op/site/cluster\.yaml:\d+:\d+: unknown key 'replicas'$"));
    }

    [Test]
    public void Parse_WrongType_NamesFileLineAndColumn()
    {
        string text = Minimal.Replace("  replica: 2", "  replica: two", StringComparison.Ordinal);

        Assert.That(() => ClusterFileReader.Parse(text, Source),
            Throws.TypeOf<ClusterFileException>().With.Message.Match(@"^/home/op/site/cluster\.yaml:\d+:\d+: "));
    }

    [Test]
    public void Parse_EmptyFile_ListsEveryMissingPartEachLineNamingTheFile()
    {
        ClusterFileException error = Error("");

        string[] lines = error.Message.Split(Environment.NewLine);
        Assert.That(lines, Is.All.StartWith(Source + ": "));
        Assert.That(error.Message, Does.Contain("nodes: 0 web nodes").And.Contain("site.serverNames").And.Contain("zone.file"));
    }

    [Test]
    public void Parse_Replica2WithoutAcceptSplitBrainRisk_ExplainsSplitBrain()
    {
        string text = Minimal.Replace("  acceptSplitBrainRisk: true\n", "", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": volume.acceptSplitBrainRisk: replica 2 can split-brain: if the nodes lose sight of each other "
            + "and both take writes, Gluster cannot tell which copy is right and refuses to serve the file until someone picks one. "
            + "Add a small third node as 'arbiter:', or set 'acceptSplitBrainRisk: true' to go ahead"));
    }

    [Test]
    public void Parse_AcceptSplitBrainRiskFalse_Refused()
    {
        string text = Minimal.Replace("acceptSplitBrainRisk: true", "acceptSplitBrainRisk: false", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": volume.acceptSplitBrainRisk: replica 2 can split-brain"));
    }

    [Test]
    public void Parse_NoReplicaNoArbiter_AsksForOne()
    {
        string text = Minimal.Replace("  replica: 2\n", "", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": volume: say 'replica: 2' (with acceptSplitBrainRisk: true) or name an arbiter node"));
    }

    [TestCase(3)]
    [TestCase(1)]
    public void Parse_OtherReplicaWithoutArbiter_Refused(int replica)
    {
        string text = Minimal.Replace("replica: 2", $"replica: {replica}", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith($"{Source}: volume.replica: {replica} is not supported"));
    }

    [Test]
    public void Parse_ArbiterWithReplica2_Refused()
    {
        string text = Minimal.Replace("  replica: 2", "  replica: 2\n  arbiter: pi3", StringComparison.Ordinal)
            .Replace("address: 192.0.2.12\n", "address: 192.0.2.12\n  - name: pi3\n    address: 192.0.2.13\n", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": volume.replica: with an arbiter"));
    }

    [Test]
    public void Parse_ArbiterNotANode_Refused()
    {
        string text = Minimal.Replace("  replica: 2\n  acceptSplitBrainRisk: true", "  arbiter: pi9", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": volume.arbiter: 'pi9' is not one of the nodes"));
    }

    [Test]
    public void Parse_OneWebNode_Refused()
    {
        string text = Minimal.Replace("  - name: pi2\n    address: 192.0.2.12\n", "", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": nodes: 1 web nodes listed; a TwoPiR cluster has exactly two"));
    }

    [Test]
    public void Parse_ThreeWebNodes_Refused()
    {
        string text = Minimal.Replace("address: 192.0.2.12\n", "address: 192.0.2.12\n  - name: pi3\n    address: 192.0.2.13\n", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": nodes: 3 web nodes listed"));
    }

    [Test]
    public void Parse_DuplicateName_RefusedIgnoringCase()
    {
        string text = Minimal.Replace("name: pi2", "name: PI1", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": nodes: the name 'pi1' is used 2 times"));
    }

    [Test]
    public void Parse_DuplicateAddress_Refused()
    {
        string text = Minimal.Replace("192.0.2.12", "192.0.2.11", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": nodes: the address 192.0.2.11 is used 2 times"));
    }

    [TestCase("010.0.0.1")]     // octal to inet_aton, 8.0.0.1
    [TestCase("10")]            // a bare number IPAddress.TryParse takes
    [TestCase("10.1")]
    [TestCase("0x0a.0.0.1")]
    [TestCase("192.0.2.256")]
    [TestCase("192.0.2")]
    [TestCase("pi2.local")]
    [TestCase("''")]
    [TestCase("1.2.3.4.5")]
    public void Parse_BadAddress_Refused(string address)
    {
        string text = Minimal.Replace("192.0.2.12", address, StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": nodes[1].address: '").And.EndWith("' is not an IPv4 or IPv6 address"));
    }

    [Test]
    public void Parse_AddressWithPort_Refused()
    {
        string text = Minimal.Replace("192.0.2.12", "'[2001:db8::1]:22'", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": nodes[1].address: '"));
    }

    [Test]
    public void Parse_AddressWithPrefix_Refused()
    {
        string text = Minimal.Replace("192.0.2.12", "'2001:db8::1/64'", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": nodes[1].address: '"));
    }

    [Test]
    public void Parse_MissingAddress_Refused()
    {
        string text = Minimal.Replace("    address: 192.0.2.12\n", "", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": nodes[1].address: '' is not an IPv4 or IPv6 address"));
    }

    [TestCase("pi_2")]
    [TestCase("-pi2")]
    [TestCase("pi 2")]
    public void Parse_BadNodeName_Refused(string name)
    {
        string text = Minimal.Replace("name: pi2", $"name: '{name}'", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith($"{Source}: nodes[1].name: '{name}' is not a host name"));
    }

    [TestCase(0)]
    [TestCase(65536)]
    public void Parse_BadPort_Refused(int port)
    {
        string text = Minimal + $"\nssh:\n  port: {port}\n";

        Assert.That(Error(text).Message, Does.Contain($"{Source}: nodes[0].port: {port} is not a TCP port"));
    }

    [TestCase("gv 0")]
    [TestCase("gv0;rm")]
    [TestCase("gv/0")]
    [TestCase("''")]
    public void Parse_BadVolumeName_Refused(string name)
    {
        string text = Minimal.Replace("  replica: 2", $"  name: {name}\n  replica: 2", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": volume.name: '").And.EndWith("' may hold only letters, digits, '-', '_' and '.'"));
    }

    [TestCase("srv/gluster/brick")]
    [TestCase("/")]
    [TestCase("/srv/../etc")]
    [TestCase("/srv/gluster/..")]
    public void Parse_BadBrick_Refused(string brick)
    {
        string text = Minimal.Replace("  replica: 2", $"  brick: {brick}\n  replica: 2", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo($"{Source}: volume.brick: '{brick}' must be an absolute path below /"));
    }

    [Test]
    public void Parse_BrickWithTrailingSlash_Trimmed()
    {
        string text = Minimal.Replace("  replica: 2", "  brick: /srv/gluster/brick/\n  replica: 2", StringComparison.Ordinal);

        Assert.That(ClusterFileReader.Parse(text, Source).Volume.Brick, Is.EqualTo("/srv/gluster/brick"));
    }

    [Test]
    public void Parse_RelativeMount_Refused()
    {
        ClusterFileException error = Error(Minimal + "\nmount: mnt/gluster1\n");

        Assert.That(error.Message, Does.StartWith(Source + ": mount: 'mnt/gluster1' must be an absolute path below /"));
    }

    [TestCase("/var/www")]
    [TestCase("/mnt/gluster10/www")]   // a neighbour whose name starts like the mount point
    [TestCase("/mnt/gluster1")]        // the mount itself holds nginx/ too; the site gets a folder of its own
    public void Parse_SiteRootOutsideMount_Refused(string root)
    {
        string text = Minimal.Replace("  serverNames: [twopir.example.com]", $"  serverNames: [twopir.example.com]\n  root: {root}", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo($"{Source}: site.root: '{root}' must be under the mount point /mnt/gluster1, so every node serves the same files"));
    }

    [Test]
    public void Parse_SiteRootUnderOtherMount_Accepted()
    {
        string text = Minimal + "\nmount: /data\n";
        text = text.Replace("  serverNames: [twopir.example.com]", "  serverNames: [twopir.example.com]\n  root: /data/site/", StringComparison.Ordinal);

        ClusterSpec spec = ClusterFileReader.Parse(text, Source);

        Assert.That((spec.MountPoint, spec.Site.Root), Is.EqualTo(("/data", "/data/site")));
    }

    [TestCase("twopir-health")]
    [TestCase("/health/")]
    [TestCase("/../etc/passwd")]
    [TestCase("'/a b'")]
    public void Parse_BadHealthPath_Refused(string health)
    {
        string text = Minimal.Replace("  serverNames: [twopir.example.com]", $"  serverNames: [twopir.example.com]\n  healthPath: {health}", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": site.healthPath: '").And.EndWith("' must be a file's URL path such as /twopir-health"));
    }

    [Test]
    public void Parse_NoServerNames_Refused()
    {
        string text = Minimal.Replace("[twopir.example.com]", "[]", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": site.serverNames: list at least one name"));
    }

    [Test]
    public void Parse_BadServerName_Refused()
    {
        string text = Minimal.Replace("[twopir.example.com]", "[twopir.example.com, 'bad name;']", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Is.EqualTo(Source + ": site.serverNames: 'bad name;' is not a host name"));
    }

    [Test]
    public void Parse_MissingZoneFile_Refused()
    {
        string text = Minimal.Replace("zone:\n  file: example.com.zone", "zone:\n  name: twopir", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": zone.file: name the zone file"));
    }

    [Test]
    public void Parse_NoZoneSection_Refused()
    {
        string text = Minimal.Replace("zone:\n  file: example.com.zone", "", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": zone.file: "));
    }

    [TestCase("Network.Ping-Timeout", "5")]
    [TestCase("-x", "5")]
    [TestCase("a b", "5")]
    [TestCase("a;b", "5")]
    [TestCase("network.ping-timeout", "''")]
    public void Parse_BadOption_Refused(string key, string value)
    {
        string text = Minimal.Replace("  acceptSplitBrainRisk: true", $"  acceptSplitBrainRisk: true\n  options:\n    '{key}': {value}", StringComparison.Ordinal);

        Assert.That(Error(text).Message, Does.StartWith(Source + ": volume.options: '").And.EndWith("' is not a Gluster option and value"));
    }

    [Test]
    public void Parse_SeveralProblems_OneLineEachNamingTheFile()
    {
        string text = Minimal.Replace("192.0.2.12", "192.0.2.11", StringComparison.Ordinal).Replace("  acceptSplitBrainRisk: true\n", "", StringComparison.Ordinal)
            + "\nmount: relative\n";

        string[] lines = Error(text).Message.Split(Environment.NewLine);

        Assert.That(lines, Has.Length.EqualTo(4));   // mount, site.root under it, the duplicate address, the split-brain risk
        Assert.That(lines, Is.All.StartWith(Source + ": "));
    }

    [Test]
    public void Read_MissingFile_NamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "twopir-no-such-dir", "cluster.yaml");

        Assert.That(() => ClusterFileReader.Read(path), Throws.TypeOf<ClusterFileException>().With.Message.StartWith(path + ": cannot read the cluster file: "));
    }

    private static ClusterFileException Error(string text)
    {
        ClusterFileException? caught = null;
        try
        {
            ClusterFileReader.Parse(text, Source);
        }
        catch (ClusterFileException ex)
        {
            caught = ex;
        }

        Assert.That(caught, Is.Not.Null, "the file was accepted");
        return caught!;
    }
}
