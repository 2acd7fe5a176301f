namespace TwoPiR.IntegrationTests.Tools;

/// <summary>One resource record as dig prints it: <c>owner TTL class type RDATA</c>.</summary>
/// <param name="Owner">The owner name, absolute, in the case received.</param>
/// <param name="Ttl">The TTL in seconds.</param>
/// <param name="Class">The class mnemonic, e.g. <c>IN</c>.</param>
/// <param name="Type">The type mnemonic, e.g. <c>A</c>.</param>
/// <param name="Data">The RDATA in presentation form.</param>
public sealed record DigRecord(string Owner, uint Ttl, string Class, string Type, string Data);
