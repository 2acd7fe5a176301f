namespace TwoPiR.Dns.Wire;

/// <summary>The record sections of a message (RFC 1035 §4.1), in the order they are written.</summary>
internal enum DnsSection
{
    /// <summary>Records that answer the question.</summary>
    Answer,

    /// <summary>Records that point toward an authority: NS of a referral, SOA of a negative answer.</summary>
    Authority,

    /// <summary>Records that help use the others: glue, and the OPT pseudo-record.</summary>
    Additional,
}
