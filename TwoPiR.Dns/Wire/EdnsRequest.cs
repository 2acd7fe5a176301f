namespace TwoPiR.Dns.Wire;

/// <summary>What a query's OPT record asked for (RFC 6891 §6.1.3).</summary>
/// <param name="Present">Whether the query carried an OPT record at all.</param>
/// <param name="PayloadSize">The largest UDP response the requester can reassemble.</param>
/// <param name="Version">The EDNS version; only 0 is defined.</param>
/// <param name="DnssecOk">The DO bit (RFC 3225), echoed in the response.</param>
internal readonly record struct EdnsRequest(bool Present, ushort PayloadSize, byte Version, bool DnssecOk);
