using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

public sealed class ZoneSetTests
{
    private static readonly Zone s_exampleCom = MakeZone("example.com.");
    private static readonly Zone s_subExampleCom = MakeZone("sub.example.com.");
    private static readonly Zone s_exampleNet = MakeZone("example.net.");
    private static readonly ZoneSet s_set = new([s_exampleCom, s_subExampleCom, s_exampleNet]);

    [TestCase("example.com.", "example.com.", 0)]
    [TestCase("www.example.com.", "example.com.", 4)]
    [TestCase("a.b.c.example.com.", "example.com.", 6)]
    [TestCase("sub.example.com.", "sub.example.com.", 0)]
    [TestCase("www.sub.example.com.", "sub.example.com.", 4)]
    [TestCase("x.y.sub.example.com.", "sub.example.com.", 4)]
    [TestCase("notsub.example.com.", "example.com.", 7)]
    [TestCase("www.example.net.", "example.net.", 4)]
    public void TryFind_NameInAZone_FindsTheDeepestZoneAndWhereItsApexStarts(string name, string zone, int apexOffset)
    {
        bool found = s_set.TryFind(WireName.Of(name), out Zone? match, out int offset);

        Assert.That(found, Is.True);
        Assert.That(match!.Name, Is.EqualTo(zone));
        Assert.That(offset, Is.EqualTo(apexOffset));
    }

    [TestCase("example.org.")]
    [TestCase("com.")]
    [TestCase(".")]
    [TestCase("example.com.example.org.")]
    [TestCase("xexample.com.")]
    public void TryFind_NameInNoZone_ReturnsFalse(string name)
    {
        bool found = s_set.TryFind(WireName.Of(name), out Zone? match, out _);

        Assert.That(found, Is.False);
        Assert.That(match, Is.Null);
    }

    [Test]
    public void TryFind_RootZone_HoldsEveryName()
    {
        ZoneSet set = new([MakeZone("."), s_exampleCom]);

        Assert.That(set.TryFind(WireName.Of("www.example.org."), out Zone? root, out int offset), Is.True);
        Assert.That((root!.Name, offset), Is.EqualTo((".", 16)));
        Assert.That(set.TryFind(WireName.Of("www.example.com."), out Zone? com, out _) && com!.Name == "example.com.", Is.True);
    }

    [Test]
    public void Empty_HasNoZonesAndFindsNothing()
    {
        Assert.That(ZoneSet.Empty.Zones, Is.Empty);
        Assert.That(ZoneSet.Empty.TryFind(WireName.Of("example.com."), out _, out _), Is.False);
    }

    [Test]
    public void Zones_ListsEveryZone()
    {
        Assert.That(s_set.Zones.Select(zone => zone.Name), Is.EquivalentTo(new[] { "example.com.", "sub.example.com.", "example.net." }));
    }

    [Test]
    public void Constructor_TwoZonesWithOneOrigin_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new ZoneSet([s_exampleCom, MakeZone("EXAMPLE.com.")]));
    }

    private static Zone MakeZone(string origin)
    {
        byte[] apex = WireName.Of(origin);
        byte[] server = WireName.Of(origin == "." ? "ns." : "ns." + origin);
        byte[] soa = WireName.Concat(server, WireName.Of("hostmaster.example.net."), new byte[20]);
        ZoneBuilder builder = new(apex, $"zones/{origin}zone", []);
        builder.Add(new ZoneRecord(apex, RecordType.SOA, 300, soa, new SourcePosition("zones/x.zone", 1, 1)));
        builder.Add(new ZoneRecord(apex, RecordType.NS, 300, server, new SourcePosition("zones/x.zone", 2, 1)));
        builder.Add(new ZoneRecord(server, RecordType.A, 300, [192, 0, 2, 53], new SourcePosition("zones/x.zone", 3, 1)));
        return builder.Build();
    }
}
