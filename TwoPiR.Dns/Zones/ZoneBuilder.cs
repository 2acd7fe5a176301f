using System.Collections.Frozen;
using System.Collections.Immutable;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>
/// Groups a zone file's records into RRsets, merges duplicates, checks the zone as a whole
/// (SOA and NS at the apex, CNAME exclusivity, addresses for in-zone name servers) and builds
/// the immutable <see cref="Zone"/>.
/// </summary>
internal sealed class ZoneBuilder
{
    // RFC 4035 §2.5 and RFC 2181 §10.1: DNSSEC records may share a name with a CNAME.
    private static readonly RecordType[] s_allowedBesideCname = [RecordType.CNAME, RecordType.RRSIG, RecordType.NSEC];

    /// <summary>The largest record a TCP message can carry after a header and the longest possible question.</summary>
    public const int MaxRecordSize = ushort.MaxValue - 12 - (255 + 4);

    private readonly byte[] _origin;
    private readonly string _fileName;
    private readonly List<string> _warnings;
    private readonly Dictionary<byte[], NodeDraft> _nodes = new(WireNameComparer.Instance);
    private int _recordCount;

    /// <summary>Starts a zone whose apex is <paramref name="origin"/> (any case).</summary>
    /// <param name="origin">The apex in wire form.</param>
    /// <param name="fileName">The zone file, for the snapshot and messages.</param>
    /// <param name="warnings">Receives non-fatal findings, with their places.</param>
    public ZoneBuilder(ReadOnlySpan<byte> origin, string fileName, List<string> warnings)
    {
        _origin = Lower(origin);
        _fileName = fileName;
        _warnings = warnings;
    }

    /// <summary>Adds a record; an exact duplicate of one already added is merged away.</summary>
    /// <exception cref="ZoneFileException">The record could not travel in any DNS message.</exception>
    public void Add(ZoneRecord record)
    {
        // Owner, TYPE, CLASS, TTL, RDLENGTH and RDATA, after a header and the longest question.
        int wireSize = record.Owner.Length + 10 + record.Data.Length;
        if (wireSize > MaxRecordSize)
        {
            throw new ZoneFileException(record.Position, $"this record takes {wireSize} octets; a DNS message has room for {MaxRecordSize} beside its header and question");
        }

        byte[] key = Lower(record.Owner);
        if (!_nodes.TryGetValue(key, out NodeDraft? node))
        {
            _nodes.Add(key, node = new NodeDraft(record.Owner));
        }

        if (!node.RRsets.TryGetValue(record.Type, out RRsetDraft? rrset))
        {
            node.RRsets.Add(record.Type, new RRsetDraft(record));
            _recordCount++;
            return;
        }

        // RFC 2181 §5.2: one TTL per RRset. Like BIND, the last run of entries for the name sets it.
        rrset.Ttl = record.Ttl;
        if (rrset.Records.Exists(data => RecordData.AreEqual(record.Type, data, record.Data)))
        {
            return;
        }

        rrset.Records.Add(record.Data);
        _recordCount++;
    }

    /// <summary>Checks the zone and freezes it.</summary>
    /// <exception cref="ZoneFileException">The zone breaks a rule a server must not serve around.</exception>
    public Zone Build()
    {
        CheckApex();

        // Before the checks, so a name that exists only above other names is not mistaken for one a wildcard covers.
        AddEmptyNonTerminals();
        foreach (NodeDraft node in _nodes.Values)
        {
            CheckNode(node);
        }

        int id = 0;
        FrozenDictionary<byte[], ZoneNode> nodes = _nodes.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.Freeze(id++, isApex: pair.Key.AsSpan().SequenceEqual(_origin)),
            WireNameComparer.Instance);
        return new Zone(_origin, _fileName, nodes, _recordCount);
    }

    private void CheckApex()
    {
        if (!_nodes.TryGetValue(_origin, out NodeDraft? apex) || !apex.RRsets.TryGetValue(RecordType.SOA, out RRsetDraft? soa))
        {
            throw new ZoneFileException(_fileName, 1, 1, $"no SOA record at the zone apex {DnsName.ToText(_origin)}");
        }

        if (soa.Records.Count > 1)
        {
            throw new ZoneFileException(soa.Position, "more than one SOA record at the apex");
        }

        if (!apex.RRsets.ContainsKey(RecordType.NS))
        {
            throw new ZoneFileException(soa.Position, $"no NS records at the zone apex {DnsName.ToText(_origin)}");
        }
    }

    private void CheckNode(NodeDraft node)
    {
        bool isApex = DnsName.EqualsIgnoreCase(node.Name, _origin);
        if (node.RRsets.TryGetValue(RecordType.SOA, out RRsetDraft? soa) && !isApex)
        {
            throw new ZoneFileException(soa.Position, $"SOA record at {DnsName.ToText(node.Name)}, which is not the zone apex");
        }

        if (node.RRsets.TryGetValue(RecordType.CNAME, out RRsetDraft? cname))
        {
            if (cname.Records.Count > 1)
            {
                throw new ZoneFileException(cname.Position, $"more than one CNAME record at {DnsName.ToText(node.Name)}");
            }

            if (node.RRsets.Keys.Any(type => !s_allowedBesideCname.Contains(type)))
            {
                throw new ZoneFileException(cname.Position, $"CNAME and other data at {DnsName.ToText(node.Name)} (RFC 1034 §3.6.2)");
            }
        }

        foreach (RRsetDraft rrset in node.RRsets.Values)
        {
            if (rrset.Type is RecordType.NS or RecordType.MX or RecordType.SRV)
            {
                CheckTargets(rrset, mustResolve: isApex && rrset.Type == RecordType.NS);
            }
        }
    }

    /// <summary>
    /// Targets inside the zone need an address here, or nobody can reach them (BIND's check-integrity):
    /// fatal for the apex name servers, a warning for delegations, mail exchangers and services.
    /// Names at or below a zone cut are the child's business and are not checked.
    /// </summary>
    private void CheckTargets(RRsetDraft rrset, bool mustResolve)
    {
        foreach (byte[] data in rrset.Records)
        {
            ReadOnlySpan<byte> target = RecordData.TargetName(rrset.Type, data);
            byte[] key = Lower(target);
            if (target.Length == 1 || !DnsName.IsAtOrBelow(key, _origin) || IsAtOrBelowCut(key))
            {
                continue;
            }

            NodeDraft? node = FindOrWildcard(key);
            string? problem = node is null ? "has no A or AAAA record"
                : node.RRsets.ContainsKey(RecordType.CNAME) ? "is an alias (CNAME), which RFC 2181 §10.3 forbids here"
                : node.RRsets.ContainsKey(RecordType.A) || node.RRsets.ContainsKey(RecordType.AAAA) ? null
                : "has no A or AAAA record";
            if (problem is null)
            {
                continue;
            }

            string message = $"{rrset.Type} target {DnsName.ToText(target)} is in the zone but {problem}";
            if (mustResolve)
            {
                throw new ZoneFileException(rrset.Position, message);
            }

            _warnings.Add($"{rrset.Position}: {message}");
        }
    }

    /// <summary>The node a lookup of <paramref name="name"/> would answer from: itself, or the wildcard at its closest encloser (RFC 4592).</summary>
    private NodeDraft? FindOrWildcard(byte[] name)
    {
        if (_nodes.TryGetValue(name, out NodeDraft? node))
        {
            return node;
        }

        ReadOnlySpan<byte> encloser = name;
        do
        {
            encloser = encloser[(1 + encloser[0])..];
        }
        while (encloser.Length > _origin.Length && !_nodes.ContainsKey(encloser.ToArray()));

        return _nodes.GetValueOrDefault([1, (byte)'*', .. encloser]);
    }

    private bool IsAtOrBelowCut(ReadOnlySpan<byte> name)
    {
        for (; name.Length > _origin.Length; name = name[(1 + name[0])..])
        {
            if (_nodes.TryGetValue(name.ToArray(), out NodeDraft? node) && node.RRsets.ContainsKey(RecordType.NS))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 4592 §2.2.2: names between a record's owner and the apex exist, with no data.</summary>
    private void AddEmptyNonTerminals()
    {
        foreach (NodeDraft node in _nodes.Values.ToArray())
        {
            ReadOnlySpan<byte> name = node.Name;
            while (name.Length > _origin.Length)
            {
                name = name[(1 + name[0])..];
                byte[] key = Lower(name);
                if (!_nodes.ContainsKey(key))
                {
                    _nodes.Add(key, new NodeDraft(name.ToArray()));
                }
            }
        }
    }

    private static byte[] Lower(ReadOnlySpan<byte> name)
    {
        byte[] lower = new byte[name.Length];
        DnsName.ToLower(name, lower);
        return lower;
    }

    private sealed class NodeDraft(byte[] name)
    {
        public byte[] Name { get; } = name;

        public SortedDictionary<RecordType, RRsetDraft> RRsets { get; } = [];

        public ZoneNode Freeze(int id, bool isApex) => new(
            id,
            Name,
            RRsets.Values.Select(rrset => new RRset(rrset.Type, rrset.Ttl, [.. rrset.Records])).ToImmutableArray(),
            isApex);
    }

    private sealed class RRsetDraft(ZoneRecord first)
    {
        public RecordType Type { get; } = first.Type;

        public uint Ttl { get; set; } = first.Ttl;

        public SourcePosition Position { get; } = first.Position;

        public List<byte[]> Records { get; } = [first.Data];
    }
}
