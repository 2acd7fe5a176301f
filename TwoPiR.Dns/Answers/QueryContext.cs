namespace TwoPiR.Dns.Answers;

/// <summary>How a query arrived.</summary>
/// <param name="Transport">UDP or TCP.</param>
/// <param name="Client">
/// Who sent it. Over UDP the source address can be spoofed: it decides who gets forwarding, whose
/// answers a spoofer would only send to the victim; zone transfers go by it over TCP only.
/// </param>
internal readonly record struct QueryContext(DnsTransport Transport, ClientAddress Client = default);
