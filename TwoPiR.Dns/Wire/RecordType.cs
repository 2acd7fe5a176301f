namespace TwoPiR.Dns.Wire;

/// <summary>Resource record TYPE and QTYPE values (RFC 1035 §3.2.2, §3.2.3 and later RFCs), in RFC spelling.</summary>
internal enum RecordType : ushort
{
    /// <summary>An IPv4 host address (RFC 1035).</summary>
    A = 1,

    /// <summary>An authoritative name server (RFC 1035).</summary>
    NS = 2,

    /// <summary>The canonical name for an alias (RFC 1035).</summary>
    CNAME = 5,

    /// <summary>The start of a zone of authority (RFC 1035).</summary>
    SOA = 6,

    /// <summary>A domain name pointer (RFC 1035).</summary>
    PTR = 12,

    /// <summary>Host information (RFC 1035); synthesized for ANY answers by some servers (RFC 8482).</summary>
    HINFO = 13,

    /// <summary>Mail exchange (RFC 1035).</summary>
    MX = 15,

    /// <summary>Text strings (RFC 1035).</summary>
    TXT = 16,

    /// <summary>An IPv6 host address (RFC 3596).</summary>
    AAAA = 28,

    /// <summary>Service location (RFC 2782).</summary>
    SRV = 33,

    /// <summary>The EDNS(0) pseudo-record (RFC 6891).</summary>
    OPT = 41,

    /// <summary>Delegation signer (RFC 4034); answered by the parent side of a zone cut.</summary>
    DS = 43,

    /// <summary>DNSSEC signature (RFC 4034).</summary>
    RRSIG = 46,

    /// <summary>Next secure record (RFC 4034).</summary>
    NSEC = 47,

    /// <summary>Incremental zone transfer (RFC 1995), QTYPE only.</summary>
    IXFR = 251,

    /// <summary>Full zone transfer (RFC 5936), QTYPE only.</summary>
    AXFR = 252,

    /// <summary>Mailbox-related records (obsolete), QTYPE only.</summary>
    MAILB = 253,

    /// <summary>Mail agent records (obsolete), QTYPE only.</summary>
    MAILA = 254,

    /// <summary>All records (RFC 1035, answered per RFC 8482), QTYPE only.</summary>
    ANY = 255,

    /// <summary>Certification authority authorization (RFC 8659).</summary>
    CAA = 257,
}
