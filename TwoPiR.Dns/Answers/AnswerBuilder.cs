using System.Buffers;
using TwoPiR.Dns.Wire;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// Answers a question from one zone, as RFC 1034 §4.3.2 describes for an authoritative server:
/// exact and wildcard matches, CNAME chains inside the zone, referrals at zone cuts, and
/// negative answers with the SOA. Writes straight into the response; allocates nothing.
/// </summary>
internal sealed class AnswerBuilder(AddressSelector selector)
{
    /// <summary>The longest CNAME chain followed; BIND stops at a similar depth.</summary>
    public const int MaxCnameChain = 16;

    private const int MaxOrderOnStack = 256;

    private static readonly AnswerOutcome s_answered = new(ResponseCode.NoError, Authoritative: true, Truncated: false);

    /// <summary>Writes the answer, authority and additional sections for the question.</summary>
    /// <param name="writer">The response, with the question already written.</param>
    /// <param name="zone">The zone that contains the name.</param>
    /// <param name="name">The question name as the client sent it.</param>
    /// <param name="lowerName">The question name in lower case.</param>
    /// <param name="apexOffset">Where the zone's apex starts inside the name.</param>
    /// <param name="type">The question type.</param>
    /// <param name="everyRRsetForAny">Whether ANY gets every RRset (TCP) rather than one (RFC 8482 §4.1).</param>
    public AnswerOutcome Write(
        ref DnsWriter writer, Zone zone, ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerName, int apexOffset, RecordType type, bool everyRRsetForAny)
    {
        Span<byte> target = stackalloc byte[DnsName.MaxLength];
        Span<byte> wildcard = stackalloc byte[DnsName.MaxLength];
        Span<int> visited = stackalloc int[MaxCnameChain];
        WriterMark start = writer.Mark();
        AnswerOutcome outcome = Write(ref writer, zone, name, lowerName, apexOffset, type, everyRRsetForAny, target, wildcard, visited);
        if (outcome.Code == ResponseCode.ServerFailure)
        {
            writer.Rollback(start); // a SERVFAIL carries no partial answer, not even the aliases
        }

        return outcome;
    }

    private AnswerOutcome Write(
        ref DnsWriter writer,
        Zone zone,
        ReadOnlySpan<byte> name,
        ReadOnlySpan<byte> lowerName,
        int apexOffset,
        RecordType type,
        bool everyRRsetForAny,
        scoped Span<byte> target,
        scoped Span<byte> wildcard,
        scoped Span<int> visited)
    {
        ReadOnlySpan<byte> owner = name;
        scoped ReadOnlySpan<byte> lower = lowerName;
        for (int hop = 0; ; hop++)
        {
            NameMatch match = Find(zone, lower, apexOffset, type, wildcard, out ZoneNode node);
            if (match == NameMatch.Delegation)
            {
                // Step 3b, also after aliases: a referral, authoritative only for the aliases written before it.
                return WriteReferral(ref writer, zone, node, authoritative: hop > 0);
            }

            if (match == NameMatch.NameError)
            {
                return WriteNegative(ref writer, zone, ResponseCode.NameError, zone.NegativeTtl);
            }

            if (node.Cname is not { } cname || type is RecordType.CNAME or RecordType.ANY)
            {
                return WriteNodeData(ref writer, zone, owner, node, type, everyRRsetForAny);
            }

            // RFC 1034 §4.3.2 step 3a: restart at the canonical name, once per alias.
            if (hop == MaxCnameChain || visited[..hop].Contains(node.Id))
            {
                return s_answered;
            }

            visited[hop] = node.Id;
            if (!TryWriteRRset(ref writer, DnsSection.Answer, owner, cname))
            {
                return s_answered with { Truncated = true };
            }

            owner = cname.Records[0];
            DnsName.ToLower(owner, target);
            lower = target[..owner.Length];
            if (!DnsName.IsAtOrBelow(lower, zone.Origin))
            {
                return s_answered; // the resolver follows the alias out of our zone
            }

            apexOffset = lower.Length - zone.Origin.Length;
        }
    }

    /// <summary>
    /// Walks from the apex down toward <paramref name="name"/>, stopping at a zone cut or at the
    /// first missing name, whose parent is then the closest encloser (RFC 4592 §3.3.1).
    /// </summary>
    private static NameMatch Find(Zone zone, ReadOnlySpan<byte> name, int apexOffset, RecordType type, Span<byte> wildcard, out ZoneNode node)
    {
        Span<byte> labels = stackalloc byte[DnsName.MaxLabels];
        int count = DnsName.GetLabelOffsets(name, labels);
        int apexLabel = 0;
        while (apexLabel < count && labels[apexLabel] < apexOffset)
        {
            apexLabel++;
        }

        node = zone.Apex;
        for (int i = apexLabel - 1; i >= 0; i--)
        {
            if (!zone.TryGetNode(name[labels[i]..], out ZoneNode? next))
            {
                ReadOnlySpan<byte> encloser = i + 1 < apexLabel ? name[labels[i + 1]..] : zone.Origin;
                return FindWildcard(zone, encloser, wildcard, out node);
            }

            node = next;

            // RFC 4035 §3.1.4.1: DS lives on the parent side of a cut, so a DS query at the cut is ours.
            if (node.IsDelegation && !(i == 0 && type == RecordType.DS))
            {
                return NameMatch.Delegation;
            }
        }

        return NameMatch.Exact;
    }

    private static NameMatch FindWildcard(Zone zone, ReadOnlySpan<byte> encloser, Span<byte> wildcard, out ZoneNode node)
    {
        wildcard[0] = 1;
        wildcard[1] = (byte)'*';
        encloser.CopyTo(wildcard[2..]);
        if (zone.TryGetNode(wildcard[..(encloser.Length + 2)], out ZoneNode? match))
        {
            node = match;
            return NameMatch.Wildcard;
        }

        node = zone.Apex;
        return NameMatch.NameError;
    }

    private AnswerOutcome WriteNodeData(ref DnsWriter writer, Zone zone, ReadOnlySpan<byte> owner, ZoneNode node, RecordType type, bool everyRRsetForAny)
    {
        if (type == RecordType.ANY && !node.RRsets.IsEmpty)
        {
            // RFC 8482 §4.1: over UDP, one RRset is a complete answer to ANY.
            int count = everyRRsetForAny ? node.RRsets.Length : 1;
            for (int i = 0; i < count; i++)
            {
                if (!TryWriteRRset(ref writer, DnsSection.Answer, owner, node.RRsets[i]))
                {
                    return s_answered with { Truncated = true };
                }
            }

            return s_answered;
        }

        if (node.Find(type) is not { } rrset)
        {
            return WriteNegative(ref writer, zone, ResponseCode.NoError, zone.NegativeTtl);
        }

        bool written = TryWriteRRset(ref writer, DnsSection.Answer, owner, rrset, out Selection selection);
        return selection.Withheld switch
        {
            // Every address is down and the name's policy says not to fail open. The negative TTL is
            // capped like the records', so resolvers ask again soon.
            AllDownPolicy.NoData => WriteNegative(ref writer, zone, ResponseCode.NoError, Math.Min(zone.NegativeTtl, selection.Ttl)),
            AllDownPolicy.ServFail => new AnswerOutcome(ResponseCode.ServerFailure, Authoritative: false, Truncated: false),
            _ => s_answered with { Truncated = !written },
        };
    }

    /// <summary>NXDOMAIN or NODATA: the SOA goes in authority with the negative TTL (RFC 2308 §3).</summary>
    private static AnswerOutcome WriteNegative(ref DnsWriter writer, Zone zone, ResponseCode code, uint negativeTtl)
    {
        bool written = writer.TryWriteRecord(DnsSection.Authority, zone.Apex.Name, RecordType.SOA, negativeTtl, zone.Soa.Records[0]);
        return new AnswerOutcome(code, Authoritative: true, Truncated: !written);
    }

    /// <summary>RFC 1034 §4.3.2 step 3b: the cut's NS in authority, their addresses from this zone as glue (RFC 9471).</summary>
    private AnswerOutcome WriteReferral(ref DnsWriter writer, Zone zone, ZoneNode cut, bool authoritative)
    {
        Span<byte> lower = stackalloc byte[DnsName.MaxLength];
        AnswerOutcome referral = new(ResponseCode.NoError, authoritative, Truncated: false);
        RRset nameServers = cut.Find(RecordType.NS)!;
        if (!TryWriteRRset(ref writer, DnsSection.Authority, cut.Name, nameServers))
        {
            return referral with { Truncated = true };
        }

        foreach (byte[] server in nameServers.Records)
        {
            DnsName.ToLower(server, lower);
            if (!DnsName.IsAtOrBelow(lower[..server.Length], zone.Origin) || !zone.TryGetNode(lower[..server.Length], out ZoneNode? host))
            {
                continue;
            }

            foreach (RRset rrset in host.RRsets)
            {
                if (rrset.Type is (RecordType.A or RecordType.AAAA) && !TryWriteRRset(ref writer, DnsSection.Additional, host.Name, rrset))
                {
                    return referral with { Truncated = true };
                }
            }
        }

        return referral;
    }

    private bool TryWriteRRset(ref DnsWriter writer, DnsSection section, ReadOnlySpan<byte> owner, RRset rrset) =>
        TryWriteRRset(ref writer, section, owner, rrset, out _);

    /// <summary>
    /// Writes the records the selector picks, in its order and with its TTL, or nothing at all if
    /// they do not fit. A withheld RRset writes nothing and counts as written.
    /// </summary>
    private bool TryWriteRRset(ref DnsWriter writer, DnsSection section, ReadOnlySpan<byte> owner, RRset rrset, out Selection selection)
    {
        Span<ushort> order = stackalloc ushort[MaxOrderOnStack];
        ushort[]? rented = null;
        if (rrset.Count > MaxOrderOnStack)
        {
            rented = ArrayPool<ushort>.Shared.Rent(rrset.Count);
            order = rented;
        }

        try
        {
            selection = selector.Select(rrset, order);
            WriterMark mark = writer.Mark();
            foreach (ushort index in order[..selection.Count])
            {
                if (!writer.TryWriteRecord(section, owner, rrset.Type, selection.Ttl, rrset.Records[index]))
                {
                    writer.Rollback(mark);
                    return false;
                }
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ushort>.Shared.Return(rented);
            }
        }
    }
}
