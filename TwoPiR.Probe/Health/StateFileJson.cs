using System.Text.Json.Serialization;

namespace TwoPiR.Probe.Health;

/// <summary>Source-generated JSON for the state file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SavedHealthDocument))]
internal sealed partial class StateFileJson : JsonSerializerContext;
