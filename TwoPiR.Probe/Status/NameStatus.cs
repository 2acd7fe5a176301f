using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Status;

/// <summary>One checked name in <c>/status</c>.</summary>
internal sealed record NameStatus(
    string Name,
    string Check,
    double IntervalSeconds,
    int Fall,
    int Rise,
    AllDownPolicy WhenAllDown,
    double MaxTtlSeconds,
    double WorstCaseDetectionSeconds,
    IReadOnlyList<AddressStatus> Addresses)
{
    /// <summary>Converts one name of the report.</summary>
    public static NameStatus From(NameHealth name) => new(
        name.Name.Name,
        name.Plan.DescribeForAnyAddress(),
        name.Plan.Interval.TotalSeconds,
        name.Plan.Fall,
        name.Plan.Rise,
        name.Name.WhenAllDown,
        name.Name.MaxTtl.TotalSeconds,
        name.Name.WorstCaseDetection.TotalSeconds,
        [.. name.Nodes.Select(AddressStatus.From)]);
}
