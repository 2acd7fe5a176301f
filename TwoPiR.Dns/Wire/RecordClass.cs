namespace TwoPiR.Dns.Wire;

/// <summary>CLASS and QCLASS values (RFC 1035 §3.2.4, §3.2.5).</summary>
internal enum RecordClass : ushort
{
    /// <summary>The Internet; the only class this server holds data for.</summary>
    IN = 1,

    /// <summary>Chaos.</summary>
    CH = 3,

    /// <summary>Hesiod.</summary>
    HS = 4,

    /// <summary>Any class, QCLASS only.</summary>
    ANY = 255,
}
