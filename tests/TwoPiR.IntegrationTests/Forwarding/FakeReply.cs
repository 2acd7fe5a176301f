namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>One datagram or TCP message a <see cref="FakeUpstream"/> sends back.</summary>
/// <param name="Message">The message.</param>
/// <param name="FromAnotherPort">Over UDP, send it from another socket of the same address, as a spoofer would.</param>
internal sealed record FakeReply(byte[] Message, bool FromAnotherPort);
