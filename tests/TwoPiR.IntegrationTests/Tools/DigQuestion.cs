namespace TwoPiR.IntegrationTests.Tools;

/// <summary>One entry of the question section as dig prints it.</summary>
/// <param name="Name">The name, in the case the server echoed.</param>
/// <param name="Class">The class mnemonic.</param>
/// <param name="Type">The type mnemonic.</param>
public sealed record DigQuestion(string Name, string Class, string Type);
