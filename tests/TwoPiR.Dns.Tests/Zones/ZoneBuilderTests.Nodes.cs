using System.Net;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>Nodes and RRsets: duplicates, RRset TTLs, owner case, empty non-terminals and zone cuts.</summary>
public sealed partial class ZoneBuilderTests
{
    [Test]
    public void Build_ExactDuplicates_AreMergedWhereverTheyAre()
    {
        Zone zone = Build(
            Soa(), Ns("@", "ns.example.net."), A("www", "192.0.2.1"), Txt("x", "between"), A("www", "192.0.2.1"), A("www", "192.0.2.1"));

        Assert.That(TryGetNode(zone, "www", out ZoneNode node), Is.True);
        Assert.That(node.Find(RecordType.A)!.Records, Is.EqualTo(new[] { new byte[] { 192, 0, 2, 1 } }));
        Assert.That(zone.RecordCount, Is.EqualTo(4));
    }

    [TestCase("NS", "ns.example.net.", "NS.Example.NET.")]
    [TestCase("CNAME", "www.example.net.", "WWW.EXAMPLE.NET.")]
    [TestCase("PTR", "host.example.net.", "Host.Example.Net.")]
    public void Build_NamesInRdataThatDifferOnlyInCase_AreDuplicates(string type, string first, string second)
    {
        RecordType recordType = Enum.Parse<RecordType>(type);

        Zone zone = Build(
            Soa(), Ns("@", "ns.example.net."),
            Record("a", recordType, WireName.Of(first)),
            Record("a", recordType, WireName.Of(second)));

        Assert.That(TryGetNode(zone, "a", out ZoneNode node), Is.True);
        Assert.That(node.Find(recordType)!.Records, Is.EqualTo(new[] { WireName.Of(first) }));
    }

    [Test]
    public void Build_MxAndSrvDifferingOnlyInTargetCase_AreDuplicates()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), Mx("a", 10, "mail.example.net."), Mx("a", 10, "MAIL.example.net."), Srv("a", "t.example.net."), Srv("a", "T.EXAMPLE.NET."));

        Assert.That(TryGetNode(zone, "a", out ZoneNode node), Is.True);
        Assert.That(node.Find(RecordType.MX)!.Count, Is.EqualTo(1));
        Assert.That(node.Find(RecordType.SRV)!.Count, Is.EqualTo(1));
    }

    [Test]
    public void Build_RecordsDifferingInFixedFieldsOrText_AreKept()
    {
        Zone zone = Build(
            Soa(), Ns("@", "ns.example.net."),
            Mx("a", 10, "mail.example.net."), Mx("a", 20, "mail.example.net."),
            Txt("a", "abc"), Txt("a", "ABC"));

        Assert.That(TryGetNode(zone, "a", out ZoneNode node), Is.True);
        Assert.That(node.Find(RecordType.MX)!.Count, Is.EqualTo(2));
        Assert.That(node.Find(RecordType.TXT)!.Count, Is.EqualTo(2));
    }

    [Test]
    public void Build_OwnersDifferingOnlyInCase_ShareOneNodeNamedAsFirstWritten()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), A("WwW", "192.0.2.1"), A("www", "192.0.2.2"), Aaaa("WWW", "2001:db8::1"));

        Assert.That(TryGetNode(zone, "www", out ZoneNode node), Is.True);
        Assert.That(node.Name, Is.EqualTo(WireName.Of("WwW.example.com.")));
        Assert.That(node.Find(RecordType.A)!.Count, Is.EqualTo(2));
        Assert.That(node.Find(RecordType.AAAA)!.Count, Is.EqualTo(1));
    }

    [Test]
    public void Build_RRsetTtl_IsTheTtlOfTheLastRecordAdded()
    {
        // The parser already makes each run of entries agree (RFC 2181 §5.2); a later run resets the RRset's TTL, as in BIND.
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), A("www", "192.0.2.1", ttl: 100), A("www", "192.0.2.2", ttl: 200), A("www", "192.0.2.1", ttl: 50));

        Assert.That(TryGetNode(zone, "www", out ZoneNode node), Is.True);
        Assert.That(node.Find(RecordType.A)!.Ttl, Is.EqualTo(50u));
        Assert.That(node.Find(RecordType.A)!.Count, Is.EqualTo(2));
    }

    [Test]
    public void Build_AddressRRsets_ExposeTheirAddressesInOrder()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), A("www", "192.0.2.2"), A("www", "192.0.2.1"), Aaaa("www", "2001:db8::1"));

        Assert.That(TryGetNode(zone, "www", out ZoneNode node), Is.True);
        Assert.That(node.Find(RecordType.A)!.Addresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.2"), IPAddress.Parse("192.0.2.1") }));
        Assert.That(node.Find(RecordType.AAAA)!.Addresses, Is.EqualTo(new[] { IPAddress.Parse("2001:db8::1") }));
        Assert.That(node.Find(RecordType.TXT), Is.Null);
    }

    [Test]
    public void Build_RRsets_AreOrderedByType()
    {
        Zone zone = Build(Txt("@", "x"), Aaaa("@", "2001:db8::1"), Ns("@", "ns.example.net."), Soa(), A("@", "192.0.2.1"));

        Assert.That(zone.Apex.RRsets.Select(rrset => rrset.Type), Is.EqualTo(new[]
        {
            RecordType.A, RecordType.NS, RecordType.SOA, RecordType.TXT, RecordType.AAAA,
        }));
    }

    [Test]
    public void Build_DeepName_CreatesEmptyNonTerminalsUpToTheApex()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), A("a.b.C", "192.0.2.1"), A("*.w", "192.0.2.2"));

        Assert.That(zone.Nodes.Select(node => DnsName.ToText(node.Name)), Is.EquivalentTo(new[]
        {
            "example.com.", "a.b.C.example.com.", "b.C.example.com.", "C.example.com.", "*.w.example.com.", "w.example.com.",
        }));
        Assert.That(TryGetNode(zone, "b.c", out ZoneNode node), Is.True);
        Assert.That(node.RRsets, Is.Empty);
        Assert.That(node.IsDelegation, Is.False);
        Assert.That(node.Cname, Is.Null);
        Assert.That(zone.RecordCount, Is.EqualTo(4));
    }

    [Test]
    public void Build_Nodes_HaveDistinctIds()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), A("a.b", "192.0.2.1"), A("c", "192.0.2.2"));

        Assert.That(zone.Nodes.Select(node => node.Id), Is.Unique);
        Assert.That(zone.Nodes.Count(), Is.EqualTo(4));
    }

    [Test]
    public void Build_NsBelowTheApex_MarksADelegationAndOnlyThere()
    {
        Zone zone = Build(
            Soa(), Ns("@", "ns.example.net."), Ns("sub", "ns.sub"), A("ns.sub", "192.0.2.120"), Txt("sub", "occluded"), A("www", "192.0.2.1"));

        Assert.That(zone.Apex.IsDelegation, Is.False);
        Assert.That(TryGetNode(zone, "sub", out ZoneNode sub) && sub.IsDelegation, Is.True);
        Assert.That(TryGetNode(zone, "ns.sub", out ZoneNode glue) && glue.IsDelegation, Is.False);
        Assert.That(TryGetNode(zone, "www", out ZoneNode www) && www.IsDelegation, Is.False);
        Assert.That(sub.Find(RecordType.TXT), Is.Not.Null); // occluded data is kept, as BIND keeps it
        Assert.That(_warnings, Is.Empty);
    }

    [Test]
    public void Build_Cname_IsExposedOnTheNode()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), Cname("www", "@"));

        Assert.That(TryGetNode(zone, "www", out ZoneNode node), Is.True);
        Assert.That(node.Cname!.Records, Is.EqualTo(new[] { WireName.Of("example.com.") }));
    }

    [Test]
    public void TryGetNode_NameOutsideTheZoneOrAbsent_ReturnsFalse()
    {
        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), A("www", "192.0.2.1"));

        Assert.That(zone.TryGetNode(WireName.Of("nope.example.com."), out _), Is.False);
        Assert.That(zone.TryGetNode(WireName.Of("www.example.net."), out _), Is.False);
        Assert.That(zone.TryGetNode(WireName.Of("WWW.example.com."), out _), Is.False); // keys are lower case
    }
}
