namespace TwoPiR.IntegrationTests.Robustness;

/// <summary>One generated datagram and how it was made, for the failure report.</summary>
/// <param name="Octets">The datagram.</param>
/// <param name="Kind">The generator that made it, e.g. <c>bit flips</c>.</param>
internal sealed record FuzzPacket(byte[] Octets, string Kind)
{
    private const int HeaderSize = 12;

    /// <summary>
    /// Whether the server must reply: ladder step 1 drops messages shorter than a header and
    /// responses (QR=1); with Dns:ErrorRepliesPerSecond=0 everything else gets exactly one reply.
    /// </summary>
    public bool ExpectsReply => Octets.Length >= HeaderSize && (Octets[2] & 0x80) == 0;

    /// <summary>The ID the reply must carry.</summary>
    public int Id => (Octets[0] << 8) | Octets[1];

    /// <summary>The opcode the reply must echo (RFC 1035 §4.1.1).</summary>
    public int OpCode => (Octets[2] >> 3) & 0x0F;

    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Convert.ToHexString(Octets)}";
}
