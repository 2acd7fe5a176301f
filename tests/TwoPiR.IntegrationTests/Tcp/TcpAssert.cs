using TwoPiR.Dns.Wire;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Tcp;

/// <summary>Checks on raw responses read from a TCP connection.</summary>
internal static class TcpAssert
{
    /// <summary>Asserts that <paramref name="response"/> is a well-formed answer to query <paramref name="id"/> and returns its header.</summary>
    public static DnsHeader IsResponseTo(ushort id, byte[]? response)
    {
        Assert.That(response, Is.Not.Null, $"the connection closed before the response to query {id}");
        Assert.That(MessageValidator.IsWellFormed(response, out string problem), Is.True, problem);
        DnsHeader.TryRead(response, out DnsHeader header);
        Assert.That(header.Id, Is.EqualTo(id), "responses come in the order of the queries");
        return header;
    }
}
