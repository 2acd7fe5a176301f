namespace TwoPiR.Dns.Wire;

/// <summary>The single-bit flags of the header's second 16-bit word (RFC 1035 §4.1.1, RFC 4035 §3.2).</summary>
[Flags]
internal enum HeaderFlags : ushort
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>Checking disabled (RFC 4035).</summary>
    CheckingDisabled = 0x0010,

    /// <summary>Authentic data (RFC 4035).</summary>
    AuthenticData = 0x0020,

    /// <summary>Recursion available.</summary>
    RecursionAvailable = 0x0080,

    /// <summary>Recursion desired.</summary>
    RecursionDesired = 0x0100,

    /// <summary>Truncated: the answer did not fit and the client should retry over TCP.</summary>
    Truncated = 0x0200,

    /// <summary>Authoritative answer.</summary>
    Authoritative = 0x0400,

    /// <summary>The message is a response.</summary>
    Response = 0x8000,
}
