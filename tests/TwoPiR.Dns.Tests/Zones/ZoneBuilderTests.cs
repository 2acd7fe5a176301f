using System.Net;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>
/// Grouping into RRsets, duplicate merging and the whole-zone checks BIND makes. Records are made by
/// hand, one source line each in the order they are made, so the parser plays no part.
/// </summary>
public sealed partial class ZoneBuilderTests
{
    private const string File = "zones/example.com.zone";

    private List<string> _warnings = null!;
    private int _line;

    [SetUp]
    public void Reset()
    {
        _warnings = [];
        _line = 0;
    }

    [Test]
    public void Build_MinimalZone_HasItsApexSoaAndSerial()
    {
        Zone zone = Build(Soa(serial: 2024010101, ttl: 3600, minimum: 300), Ns("@", "ns.example.net."));

        Assert.That(zone.Name, Is.EqualTo("example.com."));
        Assert.That(zone.Origin, Is.EqualTo(WireName.Of("example.com.")));
        Assert.That(zone.FileName, Is.EqualTo(File));
        Assert.That(zone.Serial, Is.EqualTo(2024010101u));
        Assert.That(zone.Soa.Ttl, Is.EqualTo(3600u));
        Assert.That(zone.NegativeTtl, Is.EqualTo(300u));
        Assert.That(zone.Apex.IsDelegation, Is.False);
        Assert.That(zone.RecordCount, Is.EqualTo(2));
        Assert.That(_warnings, Is.Empty);
    }

    [Test]
    public void Build_SoaTtlBelowMinimum_MakesNegativeTtlTheSoaTtl()
    {
        Zone zone = Build(Soa(ttl: 60, minimum: 3600), Ns("@", "ns.example.net."));

        Assert.That(zone.NegativeTtl, Is.EqualTo(60u));
    }

    [Test]
    public void Build_UpperCaseOrigin_IsFoldedToLowerCase()
    {
        ZoneBuilder builder = new(WireName.Of("EXAMPLE.Com."), File, _warnings);
        builder.Add(Soa());
        builder.Add(Ns("@", "ns.example.net."));

        Zone zone = builder.Build();

        Assert.That(zone.Origin, Is.EqualTo(WireName.Of("example.com.")));
    }

    [Test]
    public void Build_NoSoa_ThrowsNamingTheFile()
    {
        ZoneFileException ex = BuildError(Ns("@", "ns.example.net."), A("www", "192.0.2.1"));

        Assert.That(ex.Message, Is.EqualTo($"{File}:1:1: no SOA record at the zone apex example.com."));
    }

    [Test]
    public void Build_SoaOnlyBelowTheApex_ThrowsNoSoaAtTheApex()
    {
        ZoneFileException ex = BuildError(Ns("@", "ns.example.net."), Soa("sub"));

        Assert.That(ex.Problem, Is.EqualTo("no SOA record at the zone apex example.com."));
    }

    [Test]
    public void Build_SoaBelowTheApex_ThrowsAtThatSoa()
    {
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), A("sub", "192.0.2.1"), Soa("sub"));

        Assert.That(ex.Message, Is.EqualTo($"{File}:4:1: SOA record at sub.example.com., which is not the zone apex"));
    }

    [Test]
    public void Build_NoNsAtTheApex_ThrowsAtTheSoa()
    {
        ZoneFileException ex = BuildError(A("www", "192.0.2.1"), Soa(), Ns("sub", "ns.example.net."));

        Assert.That(ex.Message, Is.EqualTo($"{File}:2:1: no NS records at the zone apex example.com."));
    }

    [Test]
    public void Build_TwoDifferentSoas_Throws()
    {
        ZoneFileException ex = BuildError(Soa(serial: 1), Ns("@", "ns.example.net."), Soa(serial: 2));

        Assert.That(ex.Problem, Is.EqualTo("more than one SOA record at the apex"));
        Assert.That(ex.File, Is.EqualTo(File));
    }

    [Test]
    public void Build_SameSoaTwiceInAnyCase_IsMerged()
    {
        Zone zone = Build(Soa(mname: "ns1.example.com."), Ns("@", "ns.example.net."), Soa(mname: "NS1.Example.COM."));

        Assert.That(zone.Soa.Count, Is.EqualTo(1));
        Assert.That(zone.RecordCount, Is.EqualTo(2));
    }

    [Test]
    public void Build_RecordCount_CountsRecordsAfterMerging()
    {
        Zone zone = Build(
            Soa(),
            Ns("@", "ns.example.net."),
            A("www", "192.0.2.1"),
            A("www", "192.0.2.2"),
            A("WWW", "192.0.2.1"),
            Aaaa("www", "2001:db8::1"),
            Txt("www", "x"));

        Assert.That(zone.RecordCount, Is.EqualTo(6));
        Assert.That(zone.Nodes.Sum(node => node.RRsets.Sum(rrset => rrset.Count)), Is.EqualTo(6));
    }

    [Test]
    public void Add_RecordTooBigForAnyMessage_ThrowsAtTheRecord()
    {
        // Owner "big.example.com." (17) + 10 fixed octets + RDATA must leave room for a header and the longest question.
        ZoneRecord fits = Record("big", (RecordType)65534, new byte[ZoneBuilder.MaxRecordSize - 27]);
        ZoneRecord tooBig = Record("big", (RecordType)65533, new byte[ZoneBuilder.MaxRecordSize - 26]);

        Zone zone = Build(Soa(), Ns("@", "ns.example.net."), fits);
        ZoneFileException ex = BuildError(Soa(), Ns("@", "ns.example.net."), tooBig);

        Assert.That(zone.RecordCount, Is.EqualTo(3));
        Assert.That(ex.Message, Does.StartWith($"{File}:2:1: this record takes 65265 octets"));
    }

    private ZoneFileException BuildError(params ZoneRecord[] records) => Assert.Throws<ZoneFileException>(() => Build(records))!;

    private Zone Build(params ZoneRecord[] records)
    {
        ZoneBuilder builder = new(WireName.Of("example.com."), File, _warnings);
        foreach (ZoneRecord record in records)
        {
            builder.Add(record);
        }

        return builder.Build();
    }

    private static bool TryGetNode(Zone zone, string name, out ZoneNode node) => zone.TryGetNode(WireName.Of(Absolute(name).ToLowerInvariant()), out node!);

    private static string Absolute(string name) => name switch
    {
        "@" => "example.com.",
        _ when name.EndsWith('.') => name,
        _ => name + ".example.com.",
    };

    private ZoneRecord Record(string owner, RecordType type, byte[] data, uint ttl = 300) =>
        new(WireName.Of(Absolute(owner)), type, ttl, data, new SourcePosition(File, ++_line, 1));

    private ZoneRecord Soa(string owner = "@", uint serial = 1, uint ttl = 300, uint minimum = 300, string mname = "ns1.example.com.")
    {
        byte[] timers = new byte[20];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(timers, serial);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(timers.AsSpan(16), minimum);
        return Record(owner, RecordType.SOA, WireName.Concat(WireName.Of(mname), WireName.Of("hostmaster.example.com."), timers), ttl);
    }

    private ZoneRecord Ns(string owner, string target, uint ttl = 300) => Record(owner, RecordType.NS, WireName.Of(Absolute(target)), ttl);

    private ZoneRecord Cname(string owner, string target) => Record(owner, RecordType.CNAME, WireName.Of(Absolute(target)));

    private ZoneRecord A(string owner, string address, uint ttl = 300) => Record(owner, RecordType.A, IPAddress.Parse(address).GetAddressBytes(), ttl);

    private ZoneRecord Aaaa(string owner, string address) => Record(owner, RecordType.AAAA, IPAddress.Parse(address).GetAddressBytes());

    private ZoneRecord Mx(string owner, ushort preference, string exchange) =>
        Record(owner, RecordType.MX, WireName.Concat([(byte)(preference >> 8), (byte)preference], WireName.Of(Absolute(exchange))));

    private ZoneRecord Srv(string owner, string target) =>
        Record(owner, RecordType.SRV, WireName.Concat([0, 0, 0, 0, 0, 80], WireName.Of(Absolute(target))));

    private ZoneRecord Txt(string owner, string text) =>
        Record(owner, RecordType.TXT, [(byte)text.Length, .. System.Text.Encoding.ASCII.GetBytes(text)]);
}
