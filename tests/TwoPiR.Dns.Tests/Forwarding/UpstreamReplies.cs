using System.Buffers.Binary;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>
/// What an upstream may send back for the question we sent, www.example.org A with ID 0xBEEF,
/// built byte by byte. The offsets never change: header 0-11, question name 12-28 (its
/// "example.org" starts at 16), QTYPE 29-30, QCLASS 31-32, records from 33.
/// </summary>
internal static class UpstreamReplies
{
    /// <summary>The random ID of the query sent upstream.</summary>
    public const ushort SentId = 0xBEEF;

    /// <summary>Where QTYPE sits in every reply.</summary>
    public const int QuestionTypeOffset = 29;

    /// <summary>Where the first record starts.</summary>
    public const int RecordsOffset = 33;

    /// <summary>QR, RD, RA, NOERROR.</summary>
    public const ushort NoError = 0x8180;

    /// <summary>QR, RD, RA, NXDOMAIN.</summary>
    public const ushort NameError = 0x8183;

    /// <summary>The query as the forwarder sent it: ID 0xBEEF, RD, OPT advertising 1232.</summary>
    public static byte[] SentQuery() => QueryBytes.Create("www.example.org", (ushort)RecordType.A, id: SentId, ednsPayload: 1232);

    /// <summary>Reads <paramref name="reply"/> as the answer to <see cref="SentQuery"/>; it must be accepted.</summary>
    public static ForwardedAnswer Accept(byte[] reply, CacheLimits? limits = null) =>
        ForwardedAnswer.TryRead(reply, SentQuery(), limits ?? new CacheLimits(86_400, 3_600), out ForwardedAnswer? answer) == UpstreamReply.Accepted
            ? answer!
            : throw new InvalidOperationException("the upstream reply was not accepted");

    /// <summary>What a scripted upstream sends back for any <paramref name="query"/>: its ID and question, then one address.</summary>
    public static byte[] AnswerTo(byte[] query, ushort flags = NoError, byte lastOctet = 1, ushort? id = null)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        DnsReader reader = new(query, DnsHeader.Size);
        reader.TryReadQuestion(name, out _, out _, out _);
        return
        [
            .. Header(flags, answers: 1, authority: 0, additional: 0, id: id ?? BinaryPrimitives.ReadUInt16BigEndian(query)),
            .. query[DnsHeader.Size..reader.Position], // the question, as asked
            .. Address(300, lastOctet),
        ];
    }

    /// <summary>Two addresses for www.example.org (TTLs 300 and 60), then the upstream's OPT: 76 octets.</summary>
    public static byte[] Positive(ushort flags = NoError, uint firstTtl = 300, uint secondTtl = 60) =>
    [
        .. Header(flags, answers: 2, authority: 0, additional: 1),
        .. Question(),
        .. Address(firstTtl, 1), // offset 33, its TTL at 39
        .. Address(secondTtl, 2), // offset 49, its TTL at 55
        .. Opt(),
    ];

    /// <summary>NXDOMAIN (or NODATA with <see cref="NoError"/>): the SOA of example.org in authority, then OPT.</summary>
    public static byte[] Negative(ushort flags, uint soaTtl, uint minimum) =>
    [
        .. Header(flags, answers: 0, authority: 1, additional: 1),
        .. Question(),
        .. Soa(soaTtl, minimum),
        .. Opt(),
    ];

    /// <summary>The header: ID 0xBEEF unless told, one question.</summary>
    public static byte[] Header(ushort flags, ushort answers, ushort authority, ushort additional, ushort id = SentId) =>
    [
        .. Big16(id), // ID
        .. Big16(flags), // QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE
        0x00, 0x01, // QDCOUNT 1
        .. Big16(answers), // ANCOUNT
        .. Big16(authority), // NSCOUNT
        .. Big16(additional), // ARCOUNT
    ];

    /// <summary>The question as the upstream echoes it: 21 octets at offset 12.</summary>
    public static byte[] Question() =>
    [
        0x03, (byte)'w', (byte)'w', (byte)'w', // label "www", offset 12
        0x07, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', // label "example", offset 16
        0x03, (byte)'o', (byte)'r', (byte)'g', // label "org"
        0x00, // root
        0x00, 0x01, // QTYPE A
        0x00, 0x01, // QCLASS IN
    ];

    /// <summary>An A record for the question name: 16 octets.</summary>
    public static byte[] Address(uint ttl, byte lastOctet) =>
    [
        0xC0, 0x0C, // owner: pointer to the question name at offset 12
        0x00, 0x01, // TYPE A
        0x00, 0x01, // CLASS IN
        .. Big32(ttl), // TTL
        0x00, 0x04, // RDLENGTH 4
        192, 0, 2, lastOctet, // 192.0.2.x
    ];

    /// <summary>www.example.org CNAME gone.example.org: 19 octets.</summary>
    public static byte[] Alias(uint ttl) =>
    [
        0xC0, 0x0C, // owner: pointer to the question name at offset 12
        0x00, 0x05, // TYPE CNAME
        0x00, 0x01, // CLASS IN
        .. Big32(ttl), // TTL
        0x00, 0x07, // RDLENGTH 7
        0x04, (byte)'g', (byte)'o', (byte)'n', (byte)'e', 0xC0, 0x10, // gone, then a pointer to example.org
    ];

    /// <summary>The SOA of example.org, its names compressed against the question: 51 octets.</summary>
    public static byte[] Soa(uint ttl, uint minimum) =>
    [
        0xC0, 0x10, // owner: pointer to "example.org" at offset 16
        0x00, 0x06, // TYPE SOA
        0x00, 0x01, // CLASS IN
        .. Big32(ttl), // TTL
        0x00, 0x27, // RDLENGTH 39
        0x03, (byte)'n', (byte)'s', (byte)'1', 0xC0, 0x10, // MNAME ns1, then a pointer to example.org
        0x0A, (byte)'h', (byte)'o', (byte)'s', (byte)'t', (byte)'m', (byte)'a', (byte)'s', (byte)'t', (byte)'e', (byte)'r', 0xC0, 0x10, // RNAME hostmaster.example.org
        0x78, 0xC4, 0x41, 0x35, // SERIAL 2026127669
        0x00, 0x00, 0x0E, 0x10, // REFRESH 3600
        0x00, 0x00, 0x02, 0x58, // RETRY 600
        0x00, 0x12, 0x75, 0x00, // EXPIRE 1209600
        .. Big32(minimum), // MINIMUM, the negative TTL (RFC 2308 §4)
    ];

    /// <summary>The upstream's OPT record (RFC 6891 §6.1.2): 11 octets.</summary>
    public static byte[] Opt(byte extendedRcode = 0) =>
    [
        0x00, // owner: root
        0x00, 0x29, // TYPE OPT
        0x10, 0x00, // CLASS: UDP payload 4096
        extendedRcode, // EXTENDED-RCODE
        0x00, // VERSION 0
        0x00, 0x00, // DO=0, Z
        0x00, 0x00, // RDLENGTH 0
    ];

    /// <summary>The cache key of the client query <paramref name="message"/>, made as the handler makes it: the name lowered first.</summary>
    public static byte[] CacheKey(byte[] message)
    {
        Span<byte> name = stackalloc byte[DnsName.MaxLength];
        Span<byte> lowerName = stackalloc byte[DnsName.MaxLength];
        Span<byte> key = stackalloc byte[ForwardCache.MaxKeyLength];
        DnsHeader.TryRead(message, out DnsHeader header);
        DnsQuery.TryRead(message, header, name, out DnsQuery query);
        DnsName.ToLower(query.Name, lowerName);
        return key[..ForwardCache.WriteKey(query, lowerName[..query.Name.Length], key)].ToArray();
    }

    /// <summary>A 16-bit field in network order.</summary>
    public static byte[] Big16(ushort value)
    {
        byte[] bytes = new byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>A 32-bit field in network order.</summary>
    public static byte[] Big32(uint value)
    {
        byte[] bytes = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
