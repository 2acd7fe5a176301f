using System.Text.Json.Serialization;
using TwoPiR.Probe.Health;

namespace TwoPiR.Probe.Status;

/// <summary>What <c>/status</c> returns: every checked name, and every address with what the prober knows of it.</summary>
internal sealed record StatusDocument(DateTimeOffset GeneratedAt, string StateFile, IReadOnlyList<NameStatus> Names)
{
    /// <summary>Builds the document from the table's report.</summary>
    public static StatusDocument From(IReadOnlyList<NameHealth> report, string stateFile, DateTimeOffset now) =>
        new(now, stateFile, [.. report.Select(NameStatus.From)]);
}

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

/// <summary>One address of a name in <c>/status</c>.</summary>
internal sealed record AddressStatus(
    string Address,
    HealthState State,
    DateTimeOffset Since,
    bool Drained,
    bool Eligible,
    DateTimeOffset? LastCheckedAt,
    bool? LastPassed,
    string? LastDetail,
    double? LastLatencyMilliseconds,
    int ConsecutivePassed,
    int ConsecutiveFailed)
{
    /// <summary>Converts one address of the report.</summary>
    public static AddressStatus From(NodeSnapshot node) => new(
        node.Address.ToString(),
        node.State,
        node.Since,
        node.Drained,
        !node.Drained && node.State != HealthState.Unhealthy,
        node.LastCheckedAt,
        node.LastPassed,
        node.LastDetail,
        node.LastLatency is { } latency ? Math.Round(latency.TotalMilliseconds, 3) : null,
        node.ConsecutivePassed,
        node.ConsecutiveFailed);
}

/// <summary>What the drain API returns.</summary>
internal sealed record DrainResponse(string Address, bool Drained, string Outcome, string Message);

/// <summary>Source-generated JSON for the status endpoint and its client.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(DrainResponse))]
internal sealed partial class StatusJson : JsonSerializerContext;
