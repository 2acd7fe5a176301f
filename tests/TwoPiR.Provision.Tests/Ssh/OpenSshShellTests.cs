using System.Net;
using TwoPiR.Provision.Cluster;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Provision.Tests.Ssh;

[TestFixture]
public sealed class OpenSshShellTests
{
    private const string ControlDirectory = "/tmp/twopir-control";

    [Test]
    public void ArgumentsFor_AnyNode_NeverPromptsAndNeverAcceptsUnknownHostKeys()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(), ControlDirectory).ArgumentsFor("true");

        Assert.That(Options(arguments), Does.Contain("BatchMode=yes").And.Contain("StrictHostKeyChecking=yes"));
    }

    [Test]
    public void ArgumentsFor_AnyNode_SharesOneMasterConnectionPerNode()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(), ControlDirectory).ArgumentsFor("true");

        Assert.That(Options(arguments), Does.Contain("ControlMaster=auto")
            .And.Contain("ControlPath=/tmp/twopir-control/pi1")
            .And.Contain("ControlPersist=60"));
    }

    [Test]
    public void ArgumentsFor_PortAndUser_PassedAsDashPAndDashL()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(port: 2222, user: "pi"), ControlDirectory).ArgumentsFor("true");

        Assert.That((ValueAfter(arguments, "-p"), ValueAfter(arguments, "-l")), Is.EqualTo(("2222", "pi")));
    }

    [Test]
    public void ArgumentsFor_Identity_PassedWithIdentitiesOnly()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(identity: "/home/op/keys/id_ed25519"), ControlDirectory).ArgumentsFor("true");

        Assert.That(ValueAfter(arguments, "-i"), Is.EqualTo("/home/op/keys/id_ed25519"));
        Assert.That(Options(arguments), Does.Contain("IdentitiesOnly=yes"));
    }

    [Test]
    public void ArgumentsFor_NoIdentity_LeavesKeysToSshAndAgent()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(), ControlDirectory).ArgumentsFor("true");

        Assert.That(arguments, Does.Not.Contain("-i"));
        Assert.That(Options(arguments), Does.Not.Contain("IdentitiesOnly=yes"));
    }

    [Test]
    public void ArgumentsFor_KnownHosts_PassedAsUserKnownHostsFile()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(knownHosts: "/home/op/.ssh/known_hosts"), ControlDirectory).ArgumentsFor("true");

        Assert.That(Options(arguments), Does.Contain("UserKnownHostsFile=/home/op/.ssh/known_hosts"));
    }

    [Test]
    public void ArgumentsFor_NoKnownHosts_NoUserKnownHostsFile()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(), ControlDirectory).ArgumentsFor("true");

        Assert.That(Options(arguments).Any(option => option.StartsWith("UserKnownHostsFile=", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public void ArgumentsFor_Root_EndsWithAddressDashDashAndOneQuotedLine()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(), ControlDirectory).ArgumentsFor("gluster volume info 'a b'");

        Assert.That(arguments.TakeLast(3), Is.EqualTo(new[] { "192.0.2.11", "--", "env LC_ALL=C sh -c 'gluster volume info '\\''a b'\\'''" }));
    }

    [Test]
    public void ArgumentsFor_Sudo_PrefixesSudoDashN()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(user: "pi", sudo: true), ControlDirectory).ArgumentsFor("id -u");

        Assert.That(arguments[^1], Is.EqualTo("sudo -n env LC_ALL=C sh -c 'id -u'"));
    }

    [Test]
    public void ArgumentsFor_IPv6Node_AddressWithoutBrackets()
    {
        ClusterNode node = Node() with { Address = IPAddress.Parse("2001:db8::11") };

        IReadOnlyList<string> arguments = new OpenSshShell(node, ControlDirectory).ArgumentsFor("true");

        Assert.That(arguments[^3], Is.EqualTo("2001:db8::11"));
    }

    [Test]
    public void ArgumentsFor_AnyNode_EveryOptionBeforeTheAddress()
    {
        IReadOnlyList<string> arguments = new OpenSshShell(Node(identity: "/k", knownHosts: "/kh"), ControlDirectory).ArgumentsFor("true");

        int address = arguments.ToList().IndexOf("192.0.2.11");
        Assert.That(address, Is.EqualTo(arguments.Count - 3));
        Assert.That(arguments.Take(address).Where((_, i) => i % 2 == 0).All(flag => flag.StartsWith('-')), Is.True);   // flag, value, flag, value…
    }

    internal static ClusterNode Node(int port = 22, string user = "root", string? identity = null, bool sudo = false, string? knownHosts = null) =>
        new("pi1", IPAddress.Parse("192.0.2.11"), new SshLogin(user, port, identity, sudo, knownHosts), IsArbiter: false);

    private static string ValueAfter(IReadOnlyList<string> arguments, string flag) => arguments[arguments.ToList().IndexOf(flag) + 1];

    private static List<string> Options(IReadOnlyList<string> arguments) =>
        [.. arguments.Select((argument, i) => (argument, i)).Where(pair => pair.argument == "-o").Select(pair => arguments[pair.i + 1])];
}
