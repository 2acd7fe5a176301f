using TwoPiR.Dns.Wire;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>One record of an <see cref="UpstreamAnswer"/>.</summary>
/// <param name="Type">The record type.</param>
/// <param name="Ttl">The TTL.</param>
/// <param name="Data">The RDATA in wire form.</param>
internal sealed record AnswerRecord(RecordType Type, uint Ttl, byte[] Data);
