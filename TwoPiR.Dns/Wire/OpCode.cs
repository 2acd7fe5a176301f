namespace TwoPiR.Dns.Wire;

/// <summary>The header OPCODE field (RFC 1035 §4.1.1, RFC 1996, RFC 2136).</summary>
internal enum OpCode : byte
{
    /// <summary>A standard query, the only kind this server answers.</summary>
    Query = 0,

    /// <summary>An inverse query (obsolete, RFC 3425).</summary>
    InverseQuery = 1,

    /// <summary>A server status request.</summary>
    Status = 2,

    /// <summary>A zone change notification (RFC 1996).</summary>
    Notify = 4,

    /// <summary>A dynamic update (RFC 2136).</summary>
    Update = 5,
}
