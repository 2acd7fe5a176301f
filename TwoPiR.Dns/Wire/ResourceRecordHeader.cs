namespace TwoPiR.Dns.Wire;

/// <summary>The fixed fields of a resource record as read from a message.</summary>
/// <param name="NameLength">The length of the owner name once uncompressed.</param>
/// <param name="Type">The record type.</param>
/// <param name="RawClass">The CLASS field; for OPT it is the requester's UDP payload size (RFC 6891 §6.1.2).</param>
/// <param name="Ttl">The TTL field; for OPT it carries the extended RCODE, version and flags.</param>
/// <param name="Offset">Where the record starts in the message.</param>
/// <param name="DataOffset">Where its RDATA starts in the message.</param>
internal readonly record struct ResourceRecordHeader(int NameLength, RecordType Type, ushort RawClass, uint Ttl, int Offset, int DataOffset);
