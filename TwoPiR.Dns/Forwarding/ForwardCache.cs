using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Forwarding;

/// <summary>
/// Forwarded answers by question, for as long as their TTLs allow, at most
/// <see cref="ForwardingOptions.CacheEntries"/> of them: the least recently used goes first.
/// A lookup allocates nothing; the key is the question in lower case plus the DO and CD bits,
/// which change what an upstream answers.
/// </summary>
internal sealed class ForwardCache
{
    /// <summary>The largest answer kept, so the entry count bounds memory: 4096 octets, the largest EDNS payload we serve.</summary>
    public const int MaxMessageSize = DnsServerOptions.MaxUdpPayloadLimit;

    /// <summary>The longest key: a name, type, class and flags.</summary>
    public const int MaxKeyLength = DnsName.MaxLength + sizeof(ushort) + sizeof(ushort) + 1;

    private const byte DnssecOkKeyBit = 1;
    private const byte CheckingDisabledKeyBit = 2;

    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], LinkedListNode<Entry>> _entries;
    private readonly Dictionary<byte[], LinkedListNode<Entry>>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly LinkedList<Entry> _byRecency = new(); // most recently used first
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private long _hits;
    private long _misses;
    private long _evictions;

    /// <summary>Creates an empty cache.</summary>
    public ForwardCache(IOptions<ForwardingOptions> options, TimeProvider time, ForwardMetrics metrics)
    {
        _capacity = options.Value.CacheEntries;
        _time = time;
        _entries = new Dictionary<byte[], LinkedListNode<Entry>>(WireNameComparer.Instance); // HashCode is seeded per process: nobody can pick colliding names
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        metrics.Observe(this);
    }

    /// <summary>The number of answers held, fresh or expired.</summary>
    public int Count => Counts.Entries;

    /// <summary>What the cache has counted so far, and its size.</summary>
    public CacheCounts Counts
    {
        get
        {
            lock (_lock)
            {
                return new CacheCounts(_hits, _misses, _evictions, _entries.Count);
            }
        }
    }

    /// <summary>Writes the cache key of <paramref name="query"/>, whose name in lower case is <paramref name="lowerName"/>.</summary>
    /// <param name="query">The client's query.</param>
    /// <param name="lowerName">Its question name in lower case.</param>
    /// <param name="key">At least <see cref="MaxKeyLength"/> octets.</param>
    /// <returns>The key's length.</returns>
    public static int WriteKey(in DnsQuery query, scoped ReadOnlySpan<byte> lowerName, Span<byte> key)
    {
        lowerName.CopyTo(key);
        int position = lowerName.Length;
        BinaryPrimitives.WriteUInt16BigEndian(key[position..], (ushort)query.Type);
        BinaryPrimitives.WriteUInt16BigEndian(key[(position + 2)..], (ushort)query.Class);
        key[position + 4] = (byte)((query.Edns.DnssecOk ? DnssecOkKeyBit : 0)
            | ((query.Header.Flags & HeaderFlags.CheckingDisabled) != 0 ? CheckingDisabledKeyBit : 0));
        return position + 5;
    }

    /// <summary>Finds a fresh answer for <paramref name="key"/>, and counts a hit or a miss.</summary>
    /// <param name="key">The question's key, from <see cref="WriteKey"/>.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="ageSeconds">Whole seconds since it was cached, to take off its TTLs.</param>
    public bool TryGet(ReadOnlySpan<byte> key, out ForwardedAnswer? answer, out uint ageSeconds)
    {
        long now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_lookup.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                Entry entry = node.Value;
                if (now < entry.ExpiresAt)
                {
                    _byRecency.Remove(node);
                    _byRecency.AddFirst(node);
                    answer = entry.Answer;
                    ageSeconds = (uint)((now - entry.StoredAt) / _time.TimestampFrequency);
                    _hits++;
                    return true;
                }

                Remove(node);
            }

            _misses++;
        }

        answer = null;
        ageSeconds = 0;
        return false;
    }

    /// <summary>Keeps <paramref name="answer"/> for <see cref="ForwardedAnswer.CacheSeconds"/>, making room if the cache is full.</summary>
    public void Add(ReadOnlySpan<byte> key, ForwardedAnswer answer)
    {
        if (answer.CacheSeconds == 0 || _capacity == 0)
        {
            return;
        }

        long now = _time.GetTimestamp();
        Entry entry = new(key.ToArray(), answer, now, now + (answer.CacheSeconds * _time.TimestampFrequency));
        lock (_lock)
        {
            if (_lookup.TryGetValue(key, out LinkedListNode<Entry>? existing))
            {
                Remove(existing);
            }
            else if (_entries.Count >= _capacity)
            {
                Remove(_byRecency.Last!);
                _evictions++;
            }

            _entries.Add(entry.Key, _byRecency.AddFirst(entry));
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _byRecency.Remove(node);
    }

    private sealed record Entry(byte[] Key, ForwardedAnswer Answer, long StoredAt, long ExpiresAt);
}
