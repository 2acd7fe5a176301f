using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>One record as read from a zone file, before records are grouped into RRsets.</summary>
/// <param name="Owner">The owner name in wire form, with the file's case.</param>
/// <param name="Type">The record type.</param>
/// <param name="Ttl">The TTL after $TTL and RFC 1035 defaulting.</param>
/// <param name="Data">The RDATA in uncompressed wire form.</param>
/// <param name="Position">Where the entry starts, for messages.</param>
internal readonly record struct ZoneRecord(byte[] Owner, RecordType Type, uint Ttl, byte[] Data, SourcePosition Position);
