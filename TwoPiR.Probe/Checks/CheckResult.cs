namespace TwoPiR.Probe.Checks;

/// <summary>The outcome of one round of checks against one address.</summary>
/// <param name="Passed">Whether the node served.</param>
/// <param name="Detail">What was seen, for people: <c>HTTP 200</c>, <c>connection refused</c>, <c>timed out after 1s</c>.</param>
/// <param name="Latency">How long the round took.</param>
internal readonly record struct CheckResult(bool Passed, string Detail, TimeSpan Latency);
