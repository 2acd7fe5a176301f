namespace TwoPiR.Dns.Answers;

/// <summary>The transport a query came over, which sets the response size limit (RFC 1035 §4.2).</summary>
internal enum DnsTransport
{
    /// <summary>UDP: 512 octets, or the EDNS payload size.</summary>
    Udp,

    /// <summary>TCP: up to 65535 octets per message, and zone transfers.</summary>
    Tcp,
}
