using System.Buffers.Binary;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Robustness;

/// <summary>
/// Makes hostile datagrams from a seeded <see cref="Random"/>, so a failure can be replayed:
/// random octets, and valid queries with bit flips, truncation, inserted octets, wrong section
/// counts, compression pointer tricks and broken OPT records.
/// </summary>
internal sealed class PacketMutator(int seed)
{
    private const int HeaderSize = 12;
    private const int MaxRandomLength = 600;

    private static readonly byte[][] s_validQueries =
    [
        TestQuery.Build(0x1001, "twopir.example.com", 1),
        TestQuery.Build(0x1002, "three.example.com", 1, ednsPayload: 1232),
        TestQuery.Build(0x1003, "www.example.com", 1),
        TestQuery.Build(0x1004, "huge.example.com", 16, ednsPayload: 512),
        TestQuery.Build(0x1005, "huge.example.com", 16),
        TestQuery.Build(0x1006, "nope.example.com", 1, ednsPayload: 4096),
        TestQuery.Build(0x1007, "www.sub.example.com", 1, ednsPayload: 1232),
        TestQuery.Build(0x1008, "loop1.example.com", 1),
        TestQuery.Build(0x1009, "foo.wild.example.com", 16, ednsPayload: 1232),
        TestQuery.Build(0x100A, "example.com", 255),
        TestQuery.Build(0x100B, "example.com", 252),
        TestQuery.Build(0x100C, "sub.example.com", 43, ednsPayload: 1232),
        TestQuery.Build(0x100D, "www.example.org", 1),
        TestQuery.Build(0x100E, "chain1.example.com", 1, ednsPayload: 1232),
        TestQuery.Build(0x100F, "10.2.0.192.in-addr.arpa", 12),
        TestQuery.Build(0x1010, "anything.alias.example.com", 1, ednsPayload: 100),
        TestQuery.Build(0x1011, "big.example.com", 16, ednsPayload: 1232),
    ];

    private readonly Random _random = new(seed);

    /// <summary>Makes the next datagram.</summary>
    public FuzzPacket Next() => _random.Next(10) switch
    {
        0 or 1 => new FuzzPacket(RandomOctets(_random.Next(MaxRandomLength + 1)), "random octets"),
        2 => new FuzzPacket(FlipBits(PickValid()), "bit flips"),
        3 => new FuzzPacket(Truncate(PickValid()), "truncation"),
        4 => new FuzzPacket(Insert(PickValid()), "inserted octets"),
        5 => new FuzzPacket(WrongCounts(PickValid()), "wrong counts"),
        6 => new FuzzPacket(PointerTrick(), "compression pointers"),
        7 => new FuzzPacket(BadOpt(), "bad OPT"),
        8 => new FuzzPacket(RandomHeader(PickValid()), "random header"),
        _ => new FuzzPacket(RandomQuestion(), "random question"),
    };

    private byte[] PickValid() => [.. s_validQueries[_random.Next(s_validQueries.Length)]];

    private byte[] RandomOctets(int length)
    {
        byte[] octets = new byte[length];
        _random.NextBytes(octets);
        return octets;
    }

    private byte[] FlipBits(byte[] message)
    {
        for (int flips = _random.Next(1, 9); flips > 0; flips--)
        {
            message[_random.Next(message.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return message;
    }

    private byte[] Truncate(byte[] message) => message[.._random.Next(message.Length)];

    private byte[] Insert(byte[] message)
    {
        int at = _random.Next(message.Length + 1);
        return [.. message[..at], .. RandomOctets(_random.Next(1, 17)), .. message[at..]];
    }

    /// <summary>Overwrites one or more of QDCOUNT, ANCOUNT, NSCOUNT and ARCOUNT.</summary>
    private byte[] WrongCounts(byte[] message)
    {
        for (int changes = _random.Next(1, 4); changes > 0; changes--)
        {
            int field = 4 + (2 * _random.Next(4));
            ushort value = _random.Next(3) switch
            {
                0 => (ushort)_random.Next(0, 4),
                1 => ushort.MaxValue,
                _ => (ushort)_random.Next(ushort.MaxValue + 1),
            };
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(field), value);
        }

        return message;
    }

    private byte[] RandomHeader(byte[] message)
    {
        // Any opcode, AA, TC, RD, RA, Z, AD, CD and RCODE; QR stays clear so the server must reply.
        message[2] = (byte)(_random.Next(256) & 0x7F);
        message[3] = (byte)_random.Next(256);
        return message;
    }

    /// <summary>A question of random labels: empty, maximal, binary, over-long, or with reserved label types.</summary>
    private byte[] RandomQuestion()
    {
        List<byte> name = [];
        for (int labels = _random.Next(0, 130); labels > 0; labels--)
        {
            int length = _random.Next(5) == 0 ? _random.Next(64, 256) : _random.Next(0, 64);
            name.Add((byte)length);
            name.AddRange(RandomOctets(Math.Min(length, 63)));
        }

        name.Add(0);
        byte[] question = [.. name, (byte)_random.Next(256), (byte)_random.Next(256), 0, (byte)_random.Next(3)];
        return [.. Header(id: _random.Next(ushort.MaxValue + 1), questions: 1), .. question];
    }

    private byte[] PointerTrick()
    {
        int id = _random.Next(ushort.MaxValue + 1);
        byte[] tail = [0x00, 0x01, 0x00, 0x01]; // QTYPE A, QCLASS IN
        return _random.Next(7) switch
        {
            // The name is a pointer to itself (offset 12).
            0 => [.. Header(id, 1), 0xC0, 0x0C, .. tail],

            // A label, then a pointer back to the start of the same name: a loop through one label.
            1 => [.. Header(id, 1), 0x03, (byte)'a', (byte)'b', (byte)'c', 0xC0, 0x0C, .. tail],

            // A pointer forward, past the end, into the header, or with a reserved label type.
            2 => [.. Header(id, 1), 0xC0, 0x20, .. tail, 0x00],
            3 => [.. Header(id, 1), 0xFF, 0xFF, .. tail],
            4 => [.. Header(id, 1), 0xC0, 0x00, .. tail],
            5 => [.. Header(id, 1), (byte)(_random.Next(2) == 0 ? 0x40 : 0x80), 0x01, (byte)'x', 0x00, .. tail],

            // A chain of backward pointers longer than any reader follows, reached from an additional record.
            _ => PointerChain(id, hops: _random.Next(10, 40)),
        };
    }

    /// <summary>
    /// A good question, then one record of an unknown type whose RDATA is a chain of pointers,
    /// each to the one before, and a second record whose owner points at the end of the chain.
    /// </summary>
    private static byte[] PointerChain(int id, int hops)
    {
        byte[] query = TestQuery.Build((ushort)id, "twopir.example.com", 1);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(10), 2); // ARCOUNT 2
        List<byte> message = [.. query];
        message.AddRange([0x00, 0xFF, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, (byte)(2 * hops >> 8), (byte)(2 * hops)]); // root, TYPE 65280, IN, TTL, RDLENGTH
        int previous = HeaderSize;
        for (int hop = 0; hop < hops; hop++)
        {
            int here = message.Count;
            message.AddRange([(byte)(0xC0 | (previous >> 8)), (byte)previous]);
            previous = here;
        }

        message.AddRange([(byte)(0xC0 | (previous >> 8)), (byte)previous, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x04, 192, 0, 2, 1]);
        return [.. message];
    }

    private byte[] BadOpt()
    {
        byte[] query = TestQuery.Build((ushort)_random.Next(ushort.MaxValue + 1), "twopir.example.com", 1);
        byte version = (byte)(_random.Next(3) == 0 ? _random.Next(256) : 0);
        byte[] option = [0xFD, 0xE9, 0x00, 0x02, 0xAB, 0xCD]; // code 65001, length 2
        ushort records = 1;
        byte[] opt;
        switch (_random.Next(9))
        {
            case 0:
                opt = Opt(owner: [0x00], payload: 1232, version, rdata: [0xFD, 0xE9, 0x00, 0x64, 0xAB]); // an option longer than the RDATA
                break;
            case 1:
                opt = Opt(owner: [0x00], payload: 1232, version, rdata: [0xFD, 0xE9, 0x00]); // a partial option header
                break;
            case 2:
                opt = [.. Opt([0x00], 1232, version, option)[..^8], 0x00, 0x40, 0xFD, 0xE9]; // RDLENGTH 64 past the end
                break;
            case 3:
                opt = Opt(owner: [0x01, (byte)'a', 0x00], payload: 1232, version, option); // owned by a., not the root
                break;
            case 4:
                opt = [.. Opt([0x00], 1232, 0, []), .. Opt([0x00], 512, version, option)]; // two OPT records
                records = 2;
                break;
            case 5:
                opt = Opt(owner: [0x00], payload: (ushort)_random.Next(ushort.MaxValue + 1), version, RandomOctets(_random.Next(0, 40)));
                break;
            case 6:
                opt = Opt(owner: [0xC0, 0x0C], payload: 1232, version, option); // owner compressed to the question name
                break;
            case 7:
                opt = Opt(owner: [0x00], payload: (ushort)_random.Next(0, 600), version, option, flags: (ushort)_random.Next(ushort.MaxValue + 1));
                break;
            default:
                opt = Opt(owner: [0x00], payload: 1232, version, [.. option, .. option, .. option]);
                break;
        }

        byte[] message = [.. query, .. opt];
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(10), records); // ARCOUNT
        return message;
    }

    /// <summary>
    /// | owner | TYPE = 41 | CLASS = payload | extended RCODE (8) | VERSION (8) | DO, Z (16) | RDLENGTH | RDATA |
    /// </summary>
    private static byte[] Opt(byte[] owner, ushort payload, byte version, byte[] rdata, ushort flags = 0) =>
        [.. owner, 0x00, 41, (byte)(payload >> 8), (byte)payload, 0x00, version, (byte)(flags >> 8), (byte)flags,
         (byte)(rdata.Length >> 8), (byte)rdata.Length, .. rdata];

    private static byte[] Header(int id, int questions) =>
        [(byte)(id >> 8), (byte)id, 0x01, 0x00, 0x00, (byte)questions, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
}
