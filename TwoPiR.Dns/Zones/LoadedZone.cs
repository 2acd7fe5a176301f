namespace TwoPiR.Dns.Zones;

/// <summary>A zone read from its files, with what was noticed on the way.</summary>
/// <param name="Zone">The snapshot to serve.</param>
/// <param name="Warnings">Problems BIND would load with a warning, each with file:line:column.</param>
/// <param name="Files">The zone file and every file it included, as read.</param>
internal sealed record LoadedZone(Zone Zone, IReadOnlyList<string> Warnings, IReadOnlyList<FileStamp> Files);
