namespace TwoPiR.Dns.Wire;

/// <summary>
/// Response codes (RFC 1035 §4.1.1); values above 15 are extended RCODEs whose upper eight bits
/// travel in the OPT record (RFC 6891 §6.1.3).
/// </summary>
internal enum ResponseCode : ushort
{
    /// <summary>No error condition.</summary>
    NoError = 0,

    /// <summary>The server was unable to interpret the query.</summary>
    FormatError = 1,

    /// <summary>The server was unable to process the query because of a problem with itself.</summary>
    ServerFailure = 2,

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    NameError = 3,

    /// <summary>The server does not support the requested kind of query.</summary>
    NotImplemented = 4,

    /// <summary>The server refuses to answer, e.g. for a name outside its zones.</summary>
    Refused = 5,

    /// <summary>The server is not authoritative for the zone named in a transfer request (RFC 2136).</summary>
    NotAuth = 9,

    /// <summary>The requester's EDNS version is not implemented (RFC 6891).</summary>
    BadVersion = 16,
}
