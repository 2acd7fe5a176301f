namespace TwoPiR.IntegrationTests.Tools;

/// <summary>The OPT pseudosection of a response (RFC 6891 §6.1.3), as dig prints it.</summary>
/// <param name="Version">The EDNS version.</param>
/// <param name="Flags">The flag mnemonics, e.g. <c>do</c>; empty when none is set.</param>
/// <param name="UdpSize">The UDP payload size the server advertises.</param>
/// <param name="Options">Every option line after the EDNS line, e.g. <c>COOKIE: …</c>.</param>
public sealed record DigEdns(int Version, IReadOnlyList<string> Flags, int UdpSize, IReadOnlyList<string> Options);
