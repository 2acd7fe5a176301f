namespace TwoPiR.Dns.Forwarding;

/// <summary>What a datagram received from an upstream turned out to be.</summary>
internal enum UpstreamReply
{
    /// <summary>The answer to the question sent, read and checked.</summary>
    Accepted,

    /// <summary>The answer, cut short (TC): ask again over TCP (RFC 1035 §4.2.1, RFC 7766 §5).</summary>
    Truncated,

    /// <summary>
    /// Not a response to the question sent (another ID, another question, or not a response at
    /// all): a late reply to an earlier query or a spoofing attempt. Discard it and keep waiting.
    /// </summary>
    NotOurs,

    /// <summary>A response to our question that cannot be read or relayed: the upstream failed.</summary>
    Malformed,
}
