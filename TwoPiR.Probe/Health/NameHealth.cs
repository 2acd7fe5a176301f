using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Health;

/// <summary>One checked name with the state of each of its addresses.</summary>
internal sealed record NameHealth(CheckedName Name, CheckPlan Plan, IReadOnlyList<NodeSnapshot> Nodes);
