namespace TwoPiR.Dns.Zones;

/// <summary>One word or quoted string of a zone file entry, still in its escaped source form.</summary>
/// <param name="Start">Where the text starts (after the opening quote, for a quoted string).</param>
/// <param name="Length">The length of the text, quotes excluded.</param>
/// <param name="IsQuoted">Whether it was written between double quotes.</param>
/// <param name="Position">Where it starts in the file.</param>
internal readonly record struct ZoneToken(int Start, int Length, bool IsQuoted, SourcePosition Position);
