namespace TwoPiR.Probe.Status;

/// <summary>What the drain API returns.</summary>
internal sealed record DrainResponse(string Address, bool Drained, string Outcome, string Message);
