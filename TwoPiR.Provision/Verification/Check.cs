namespace TwoPiR.Provision.Verification;

/// <summary>One verified fact.</summary>
/// <param name="Name">What was checked, e.g. <c>bricks online</c>.</param>
/// <param name="Target">Where: a node's name, or <c>cluster</c> / <c>local</c>.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Detail">What was seen.</param>
internal sealed record Check(string Name, string Target, bool Passed, string Detail);
