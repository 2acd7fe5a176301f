using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// One AXFR response stream (RFC 5936 §2.2): the SOA, every other record of the zone snapshot,
/// and the SOA again, packed into as few messages as fit.
/// </summary>
internal sealed class ZoneTransfer
{
    private const int CompressionEntries = 256;

    private readonly ushort _id;
    private readonly HeaderFlags _queryFlags;
    private readonly byte[] _question;
    private readonly RecordType _questionType;
    private readonly EdnsRequest _edns;
    private readonly ushort _advertisedPayload;
    private readonly List<(byte[] Owner, RRset RRset, int Index)> _records = [];
    private int _next;

    /// <summary>Prepares the transfer of <paramref name="zone"/> in answer to <paramref name="query"/>.</summary>
    /// <param name="zone">The zone snapshot to send.</param>
    /// <param name="query">The AXFR or IXFR query.</param>
    /// <param name="advertisedPayload">The UDP payload size our OPT records advertise.</param>
    public ZoneTransfer(Zone zone, in DnsQuery query, ushort advertisedPayload)
    {
        Zone = zone;
        _id = query.Header.Id;
        _queryFlags = query.Header.Flags;
        _question = query.Name.ToArray();
        _questionType = query.Type;
        _edns = query.Edns;
        _advertisedPayload = advertisedPayload;
        AddRRset(zone.Apex.Name, zone.Soa);
        foreach (ZoneNode node in zone.Nodes)
        {
            foreach (RRset rrset in node.RRsets)
            {
                if (rrset.Type != RecordType.SOA)
                {
                    AddRRset(node.Name, rrset);
                }
            }
        }

        AddRRset(zone.Apex.Name, zone.Soa);
    }

    /// <summary>The zone snapshot being sent; later reloads do not change it.</summary>
    public Zone Zone { get; }

    /// <summary>The number of records sent, both SOA copies included.</summary>
    public int RecordCount => _records.Count;

    /// <summary>Writes the next message into <paramref name="buffer"/>.</summary>
    /// <returns>The message length, or 0 when every record has been sent.</returns>
    public int WriteNext(Span<byte> buffer)
    {
        if (_next == _records.Count)
        {
            return 0;
        }

        DnsWriter writer = new(buffer, stackalloc ushort[CompressionEntries]);
        if (_edns.Present)
        {
            writer.Reserve(DnsWriter.OptSize);
        }

        if (_next == 0)
        {
            // RFC 5936 §2.2.1: the first message repeats the question; later ones may leave it out.
            writer.TryWriteQuestion(_question, _questionType, RecordClass.IN);
        }

        int first = _next;
        while (_next < _records.Count)
        {
            (byte[] owner, RRset rrset, int index) = _records[_next];
            if (!writer.TryWriteRecord(DnsSection.Answer, owner, rrset.Type, rrset.Ttl, rrset.Records[index]))
            {
                break;
            }

            _next++;
        }

        if (_next == first)
        {
            throw new InvalidOperationException($"a record of {Zone.Name} does not fit in a DNS message");
        }

        if (_edns.Present)
        {
            // RFC 6891 §7: every message answering an EDNS query carries OPT.
            writer.ReleaseReserve();
            writer.TryWriteOpt(_advertisedPayload, ResponseCode.NoError, _edns.DnssecOk);
        }

        HeaderFlags flags = HeaderFlags.Response | HeaderFlags.Authoritative | (_queryFlags & HeaderFlags.RecursionDesired);
        return writer.Finish(_id, flags, OpCode.Query, ResponseCode.NoError);
    }

    private void AddRRset(byte[] owner, RRset rrset)
    {
        for (int i = 0; i < rrset.Count; i++)
        {
            _records.Add((owner, rrset, i));
        }
    }
}
