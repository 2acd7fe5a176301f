using System.Net;

namespace TwoPiR.Dns.Answers;

/// <summary>How a query arrived.</summary>
/// <param name="Transport">UDP or TCP.</param>
/// <param name="Client">The client's address; set for TCP, where it cannot be spoofed and transfers are allowed by it.</param>
internal readonly record struct QueryContext(DnsTransport Transport, IPAddress? Client = null);
