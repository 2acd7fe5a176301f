namespace TwoPiR.Provision.Cluster;

/// <summary>The zone file that gets one address record per web node.</summary>
/// <param name="File">The zone file on the operator's machine, named <c>ORIGIN.zone</c> as TwoPiR.Dns expects.</param>
/// <param name="RecordName">The owner, relative to the origin (<c>twopir</c>) or absolute with a trailing dot.</param>
/// <param name="Ttl">The TTL of the records written.</param>
internal sealed record ZoneSpec(string File, string RecordName, uint Ttl);
