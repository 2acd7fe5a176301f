using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>CNAME exclusivity (RFC 1034 §3.6.2) and BIND's check-integrity on NS, MX and SRV targets (BIND-NOTES 9-10).</summary>
public sealed partial class ZoneBuilderTests
{
    [Test]
    public void Build_CnameBesideOtherData_ThrowsAtTheCname()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), Cname("a", "www"), Txt("a", "x"));

        Assert.That(ex.Message, Is.EqualTo($"{File}:3:1: CNAME and other data at a.example.com. (RFC 1034 §3.6.2)"));
    }

    [Test]
    public void Build_OtherDataBeforeTheCname_ThrowsAtTheCname()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), A("a", "192.0.2.1"), Cname("A", "www"));

        Assert.That(ex.Message, Is.EqualTo($"{File}:4:1: CNAME and other data at a.example.com. (RFC 1034 §3.6.2)"));
    }

    [Test]
    public void Build_CnameAtTheApex_Throws()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), Cname("@", "www.example.net."));

        Assert.That(ex.Problem, Is.EqualTo("CNAME and other data at example.com. (RFC 1034 §3.6.2)"));
    }

    [Test]
    public void Build_CnameAtADelegation_Throws()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), Ns("sub", "ns.example.net."), Cname("sub", "www"));

        Assert.That(ex.Problem, Is.EqualTo("CNAME and other data at sub.example.com. (RFC 1034 §3.6.2)"));
    }

    [Test]
    public void Build_TwoDifferentCnames_ThrowsAtTheFirst()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), Cname("a", "b"), Cname("a", "c"));

        Assert.That(ex.Message, Is.EqualTo($"{File}:3:1: more than one CNAME record at a.example.com."));
    }

    [Test]
    public void Build_SameCnameTwiceInAnyCase_IsMerged()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), Cname("a", "www"), Cname("A", "WWW"));

        Assert.That(TryGetNode(zone, "a", out ZoneNode node), Is.True);
        Assert.That(node.Cname!.Count, Is.EqualTo(1));
    }

    [TestCase(46)] // RRSIG
    [TestCase(47)] // NSEC
    public void Build_DnssecRecordBesideACname_IsAllowed(int type)
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), Cname("a", "www"), Record("a", (RecordType)type, [0x01]));

        Assert.That(TryGetNode(zone, "a", out ZoneNode node), Is.True);
        Assert.That(node.RRsets.Select(rrset => rrset.Type), Is.EqualTo(new[] { RecordType.CNAME, (RecordType)type }));
    }

    [Test]
    public void Build_ApexNsTargetInZoneWithoutAddress_ThrowsAtTheNsRecords()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns1"), Ns("@", "ns2"), A("ns1", "192.0.2.1"), Txt("ns2", "no address"));

        Assert.That(ex.Message, Is.EqualTo($"{File}:2:1: NS target ns2.example.com. is in the zone but has no A or AAAA record"));
    }

    [Test]
    public void Build_ApexNsTargetThatDoesNotExist_Throws()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns9"));

        Assert.That(ex.Problem, Is.EqualTo("NS target ns9.example.com. is in the zone but has no A or AAAA record"));
    }

    [Test]
    public void Build_ApexNsTargetThatIsAnEmptyNonTerminal_Throws()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns"), A("a.ns", "192.0.2.1"));

        Assert.That(ex.Problem, Is.EqualTo("NS target ns.example.com. is in the zone but has no A or AAAA record"));
    }

    [Test]
    public void Build_ApexNsTargetThatIsACname_Throws()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "alias"), Cname("alias", "ns1"), A("ns1", "192.0.2.1"));

        Assert.That(ex.Problem, Is.EqualTo("NS target alias.example.com. is in the zone but is an alias (CNAME), which RFC 2181 §10.3 forbids here"));
    }

    [TestCase("ns1")]              // A
    [TestCase("ns6")]              // AAAA only
    [TestCase("NS1.EXAMPLE.COM.")] // case does not matter
    [TestCase("ns.example.net.")]  // out of zone: not checked
    [TestCase("ns.sub")]           // below a delegation: the child's business
    [TestCase("sub")]              // the delegation point itself
    public void Build_ApexNsTargetThatResolvesOrIsNotOurs_IsAccepted(string target)
    {
        Zone zone = Build(
            Soa(), Ns("@", target), A("ns1", "192.0.2.1"), Aaaa("ns6", "2001:db8::6"), Ns("sub", "ns.example.net."));

        Assert.That(zone.Apex.Find(RecordType.NS)!.Count, Is.EqualTo(1));
        Assert.That(_warnings, Is.Empty);
    }

    // BIND finds the address through the wildcard and loads the zone (check-integrity uses a real lookup).
    [Test]
    public void Build_ApexNsTargetCoveredByAWildcardAddress_IsAccepted()
    {
        Zone zone = Build(Soa(), Ns("@", "ns1"), A("*", "192.0.2.5"));

        Assert.That(zone.Apex.Find(RecordType.NS)!.Count, Is.EqualTo(1));
    }

    [Test]
    public void Build_DelegationNsTargetInZoneWithoutAddress_OnlyWarns()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), Ns("sub", "other"));

        Assert.That(TryGetNode(zone, "sub", out ZoneNode node), Is.True);
        Assert.That(node.IsDelegation, Is.True);
        Assert.That(_warnings, Is.EqualTo(new[] { $"{File}:3:1: NS target other.example.com. is in the zone but has no A or AAAA record" }));
    }

    [Test]
    public void Build_DelegationNsTargetThatIsACname_OnlyWarns()
    {
        Build(Soa(), Ns("@", "ns.example.net."), Ns("sub", "cn"), Cname("cn", "www.example.net."));

        Assert.That(_warnings, Is.EqualTo(new[] { $"{File}:3:1: NS target cn.example.com. is in the zone but is an alias (CNAME), which RFC 2181 §10.3 forbids here" }));
    }

    [Test]
    public void Build_MxAndSrvTargetsWithoutAddress_OnlyWarn()
    {
        Build(
            Soa(), Ns("@", "ns.example.net."),
            Mx("@", 10, "nowhere"),
            Srv("_a._tcp", "cn"),
            Cname("cn", "www.example.net."),
            Mx("null", 0, "."),
            Mx("out", 10, "mail.example.net."));

        Assert.That(_warnings, Is.EquivalentTo(new[]
        {
            $"{File}:3:1: MX target nowhere.example.com. is in the zone but has no A or AAAA record",
            $"{File}:4:1: SRV target cn.example.com. is in the zone but is an alias (CNAME), which RFC 2181 §10.3 forbids here",
        }));
    }
}
