using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns;

/// <summary>
/// Counts responses by question type and RCODE. The answer path only increments a counter in a
/// per-processor stripe (no allocation, little sharing between cores); the totals become
/// measurements when the status endpoint scrapes.
/// </summary>
internal sealed class DnsMetrics
{
    /// <summary>The meter's name; the status endpoint exports every meter named <c>TwoPiR.*</c>.</summary>
    public const string MeterName = "TwoPiR.Dns";

    // The labels are a fixed set, so a flood of odd types cannot blow up the series count.
    private static readonly RecordType[] s_types =
    [
        RecordType.A, RecordType.AAAA, RecordType.NS, RecordType.SOA, RecordType.CNAME, RecordType.MX, RecordType.TXT,
        RecordType.SRV, RecordType.PTR, RecordType.CAA, RecordType.DS, RecordType.ANY, RecordType.AXFR, RecordType.IXFR,
    ];

    private static readonly string[] s_typeLabels = [.. s_types.Select(type => type.ToString()), "other"];
    private static readonly string[] s_codeLabels =
        ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "other"];

    private static readonly int s_slots = s_typeLabels.Length * s_codeLabels.Length;
    private readonly int _stripes = Math.Max(1, Environment.ProcessorCount);
    private readonly long[] _counts;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public DnsMetrics(IMeterFactory meters)
    {
        _counts = new long[_stripes * s_slots];
        meters.Create(MeterName).CreateObservableCounter("twopir.dns.queries", Measure, unit: null, "Responses sent, by question type and RCODE");
    }

    /// <summary>Counts the response in <paramref name="response"/>; a message without a readable question counts as type "other".</summary>
    public void Record(ReadOnlySpan<byte> response)
    {
        if (response.Length < DnsHeader.Size)
        {
            return;
        }

        int code = Math.Min(response[3] & 0x0F, s_codeLabels.Length - 1);
        int type = TypeSlot(response);
        int stripe = Thread.GetCurrentProcessorId() % _stripes;
        Interlocked.Increment(ref _counts[(stripe * s_slots) + (type * s_codeLabels.Length) + code]);
    }

    private static int TypeSlot(ReadOnlySpan<byte> response)
    {
        // RFC 1035 §4.1.2: the question follows the header; its name is never compressed, as nothing precedes it.
        if (BinaryPrimitives.ReadUInt16BigEndian(response[4..]) != 1 || !DnsName.TryGetLength(response[DnsHeader.Size..], out int nameLength)
            || !BinaryPrimitives.TryReadUInt16BigEndian(response[(DnsHeader.Size + nameLength)..], out ushort type))
        {
            return s_types.Length;
        }

        int slot = Array.IndexOf(s_types, (RecordType)type);
        return slot < 0 ? s_types.Length : slot;
    }

    private IEnumerable<Measurement<long>> Measure()
    {
        for (int slot = 0; slot < s_slots; slot++)
        {
            long total = 0;
            for (int stripe = 0; stripe < _stripes; stripe++)
            {
                total += Volatile.Read(ref _counts[(stripe * s_slots) + slot]);
            }

            if (total > 0)
            {
                yield return new Measurement<long>(
                    total,
                    new KeyValuePair<string, object?>("type", s_typeLabels[slot / s_codeLabels.Length]),
                    new KeyValuePair<string, object?>("rcode", s_codeLabels[slot % s_codeLabels.Length]));
            }
        }
    }
}
