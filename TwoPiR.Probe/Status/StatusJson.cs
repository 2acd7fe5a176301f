using System.Text.Json.Serialization;

namespace TwoPiR.Probe.Status;

/// <summary>Source-generated JSON for the status endpoint and its client.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(DrainResponse))]
internal sealed partial class StatusJson : JsonSerializerContext;
