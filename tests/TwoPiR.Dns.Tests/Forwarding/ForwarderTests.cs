using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>Forwarder: which upstreams it takes, which queries and clients it forwards for.</summary>
public sealed partial class ForwarderTests
{
    private const string NeverAsked = "127.0.0.1:9"; // the discard port: these tests never send to it

    private readonly ManualTimeProvider _time = new();
    private ForwardMeterReadings _meters = null!;

    [SetUp]
    public void SetUp() => _meters = new ForwardMeterReadings();

    [TearDown]
    public void TearDown() => _meters.Dispose();

    [Test]
    public void IsEnabled_NoUpstreams_FalseAndOffersNothing()
    {
        Forwarder forwarder = Create([]);

        Assert.That(forwarder.IsEnabled, Is.False);
        Assert.That(forwarder.OffersRecursionTo(ClientAddress.From(IPAddress.Loopback)), Is.False);
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("127.255.255.254", true)]
    [TestCase("::1", true)]
    [TestCase("10.1.2.3", true)]
    [TestCase("172.16.0.1", true)]
    [TestCase("172.31.255.255", true)]
    [TestCase("172.32.0.1", false)] // just past 172.16.0.0/12
    [TestCase("192.168.1.1", true)]
    [TestCase("fd00::1", true)]
    [TestCase("169.254.1.1", true)]
    [TestCase("fe80::1", true)]
    [TestCase("192.0.2.1", false)]
    [TestCase("203.0.113.7", false)]
    [TestCase("2001:db8::1", false)]
    [TestCase("::ffff:10.1.2.3", true)] // an IPv4 client on a dual-stack socket
    public void OffersRecursionTo_DefaultAllowList_LoopbackPrivateAndLinkLocalOnly(string address, bool expected)
    {
        Forwarder forwarder = Create([NeverAsked]);

        Assert.That(forwarder.OffersRecursionTo(ClientAddress.From(IPAddress.Parse(address))), Is.EqualTo(expected));
    }

    [Test]
    public void OffersRecursionTo_UnknownClient_False()
    {
        Assert.That(Create([NeverAsked]).OffersRecursionTo(ClientAddress.Unknown), Is.False);
    }

    [Test]
    public void OffersRecursionTo_AllowListGiven_ReplacesTheDefaults()
    {
        Forwarder forwarder = Create([NeverAsked], allowRecursion: ["192.0.2.0/25"]);

        Assert.That(forwarder.OffersRecursionTo(ClientAddress.From(IPAddress.Parse("192.0.2.127"))), Is.True);
        Assert.That(forwarder.OffersRecursionTo(ClientAddress.From(IPAddress.Parse("192.0.2.128"))), Is.False);
        Assert.That(forwarder.OffersRecursionTo(ClientAddress.From(IPAddress.Loopback)), Is.False, "the defaults are gone");
    }

    [TestCase("A, RD", true)]
    [TestCase("A, RD clear", false)] // the client asked us not to recurse
    [TestCase("A, RD, class CH", false)]
    [TestCase("AXFR, RD", false)] // transfers are never forwarded
    [TestCase("IXFR, RD", false)]
    [TestCase("ANY, RD", true)]
    [TestCase("A, RD, client outside", false)]
    public void Accepts_QueryAndClient_OnlyRecursiveInQueriesFromAllowedClients(string scenario, bool expected)
    {
        Forwarder forwarder = Create([NeverAsked], allowRecursion: ["127.0.0.1/32"]);
        RecordType type = Enum.Parse<RecordType>(scenario[..scenario.IndexOf(',', StringComparison.Ordinal)]);
        byte[] query = QueryBytes.Create(
            "www.example.org",
            (ushort)type,
            recordClass: scenario.Contains("class CH", StringComparison.Ordinal) ? (ushort)3 : (ushort)1,
            recursionDesired: !scenario.Contains("RD clear", StringComparison.Ordinal));
        IPAddress client = scenario.Contains("outside", StringComparison.Ordinal) ? IPAddress.Parse("127.0.0.99") : IPAddress.Loopback;

        Assert.That(Accepts(forwarder, query, ClientAddress.From(client)), Is.EqualTo(expected));
    }

    [Test]
    public void Accepts_ForwardingOff_False()
    {
        Forwarder forwarder = Create([]);

        Assert.That(Accepts(forwarder, QueryBytes.Create("www.example.org", (ushort)RecordType.A), ClientAddress.From(IPAddress.Loopback)), Is.False);
    }

    private Forwarder Create(string[] upstreams, string[]? allowRecursion = null)
    {
        ForwardingOptions options = new();
        foreach (string upstream in upstreams)
        {
            options.Upstreams.Add(upstream);
        }

        foreach (string network in allowRecursion ?? [])
        {
            options.AllowRecursion.Add(network);
        }

        return TestHandlers.CreateForwarder(Options.Create(new DnsServerOptions()), options, _time, NullLoggerFactory.Instance, metrics: _meters.Metrics);
    }

    private static bool Accepts(Forwarder forwarder, byte[] message, ClientAddress client)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsHeader.TryRead(message, out DnsHeader header);
        DnsQuery.TryRead(message, header, name, out DnsQuery query);
        return forwarder.Accepts(query, client);
    }
}
