using TwoPiR.Dns.Wire;

namespace TwoPiR.Testing;

/// <summary>One record of a parsed response.</summary>
/// <param name="Owner">The owner name, fully qualified, case kept.</param>
/// <param name="Type">The type.</param>
/// <param name="Ttl">The TTL.</param>
/// <param name="Data">Addresses as text, names as text (SOA: its primary server), MX as "preference exchange", others as hex.</param>
internal sealed record ResponseRecord(string Owner, RecordType Type, uint Ttl, string Data);
