using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Status;

/// <summary>What <c>/status</c> returns: every checked name, and every address with what the prober knows of it.</summary>
internal sealed record StatusDocument(DateTimeOffset GeneratedAt, string StateFile, IReadOnlyList<NameStatus> Names)
{
    /// <summary>Builds the document from the table's report.</summary>
    public static StatusDocument From(IReadOnlyList<NameHealth> report, string stateFile, DateTimeOffset now) =>
        new(now, stateFile, [.. report.Select(NameStatus.From)]);
}
