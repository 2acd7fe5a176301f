namespace TwoPiR.Dns.Zones;

/// <summary>A place in a zone file, for messages that send the operator straight to it.</summary>
/// <param name="File">The file as the operator knows it, e.g. <c>zones/example.com.zone</c>.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, counted in octets.</param>
internal readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>, the form editors and compilers use.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
