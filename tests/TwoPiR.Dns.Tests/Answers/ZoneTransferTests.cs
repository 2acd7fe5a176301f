using System.Net;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Answers;

/// <summary>AXFR (RFC 5936) and IXFR answered with the full zone (RFC 1995 §4).</summary>
public sealed class ZoneTransferTests
{
    private static readonly Zone s_zone = TestZones.Load(AnswerZone.Text);
    private static readonly IPAddress s_secondary = IPAddress.Parse("127.0.0.8");

    private readonly QueryHandler _handler = TestHandlers.Create(
        TestZones.Store(s_zone),
        new DnsServerOptions { AllowTransfer = { "127.0.0.0/28", "::1" } });

    [TestCase((int)RecordType.AXFR)]
    [TestCase((int)RecordType.IXFR)]
    public void Handle_AllowedClientOverTcp_StreamsEveryRecordBetweenTwoSoas(int type)
    {
        QueryResult result = Handle("example.com", (RecordType)type, DnsTransport.Tcp, s_secondary, out _);

        List<ResponseRecord> records = [.. Messages(result.Transfer!, ushort.MaxValue).SelectMany(message => message.Answers)];

        Assert.That(result.Length, Is.EqualTo(0));
        Assert.That(records[0].Type, Is.EqualTo(RecordType.SOA));
        Assert.That(records[^1].Type, Is.EqualTo(RecordType.SOA));
        Assert.That(records, Has.Count.EqualTo(s_zone.RecordCount + 1));
        Assert.That(records.Count(record => record.Owner == "ns.sub.example.com."), Is.EqualTo(2), "glue is part of the zone");
    }

    [Test]
    public void WriteNext_SmallMessages_SplitsAndRepeatsTheQuestionOnlyFirst()
    {
        QueryResult result = Handle("example.com", RecordType.AXFR, DnsTransport.Tcp, s_secondary, out _);

        List<ResponseView> messages = Messages(result.Transfer!, 512);

        Assert.That(messages, Has.Count.GreaterThan(1));
        Assert.That(messages.Select(message => message.QuestionName), Is.EqualTo(new[] { "example.com." }.Concat(Enumerable.Repeat<string?>(null, messages.Count - 1))));
        Assert.That(messages.All(message => message.Authoritative && message.Id == 0x1234), Is.True);
        Assert.That(messages.Sum(message => message.Answers.Count), Is.EqualTo(s_zone.RecordCount + 1));
    }

    [Test]
    public void Handle_ClientNotAllowed_Refused()
    {
        Handle("example.com", RecordType.AXFR, DnsTransport.Tcp, IPAddress.Parse("127.0.0.19"), out ResponseView response);

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
    }

    [Test]
    public void Handle_IPv4MappedClient_MatchesIPv4Network()
    {
        QueryResult result = Handle("example.com", RecordType.AXFR, DnsTransport.Tcp, s_secondary.MapToIPv6(), out _);

        Assert.That(result.Transfer, Is.Not.Null);
    }

    [Test]
    public void Handle_DefaultSettings_EveryTransferRefused()
    {
        QueryHandler handler = TestHandlers.Create(TestZones.Store(s_zone));
        byte[] response = new byte[ushort.MaxValue];

        QueryResult result = handler.Handle(QueryBytes.Create("example.com", (ushort)RecordType.AXFR), response, new QueryContext(DnsTransport.Tcp, ClientAddress.From(IPAddress.Loopback)));

        Assert.That(ResponseView.Parse(response.AsSpan(0, result.Length)).ResponseCode, Is.EqualTo((int)ResponseCode.Refused));
    }

    [Test]
    public void Handle_TransferOverUdp_NotImplemented()
    {
        Handle("example.com", RecordType.AXFR, DnsTransport.Udp, s_secondary, out ResponseView response);

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NotImplemented));
    }

    [Test]
    public void Handle_IxfrOverUdp_CurrentSoaSendsTheClientToTcp()
    {
        Handle("example.com", RecordType.IXFR, DnsTransport.Udp, s_secondary, out ResponseView response);

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NoError));
        Assert.That(response.Authoritative, Is.True);
        Assert.That(response.Answers.Select(record => record.Type), Is.EqualTo(new[] { RecordType.SOA }));
    }

    [Test]
    public void Handle_TransferBelowTheApex_NotAuth()
    {
        Handle("www.example.com", RecordType.AXFR, DnsTransport.Tcp, s_secondary, out ResponseView response);

        Assert.That(response.ResponseCode, Is.EqualTo((int)ResponseCode.NotAuth));
    }

    private QueryResult Handle(string name, RecordType type, DnsTransport transport, IPAddress client, out ResponseView response)
    {
        byte[] buffer = new byte[ushort.MaxValue];
        QueryResult result = _handler.Handle(QueryBytes.Create(name, (ushort)type), buffer, new QueryContext(transport, ClientAddress.From(client)));
        response = result.Length > 0 ? ResponseView.Parse(buffer.AsSpan(0, result.Length)) : null!;
        return result;
    }

    private static List<ResponseView> Messages(ZoneTransfer transfer, int size)
    {
        List<ResponseView> messages = [];
        byte[] buffer = new byte[size];
        for (int length; (length = transfer.WriteNext(buffer)) > 0;)
        {
            messages.Add(ResponseView.Parse(buffer.AsSpan(0, length)));
        }

        return messages;
    }
}
