using System.Text;

namespace TwoPiR.Dns.Tests.Wire;

/// <summary>Builds wire-form names for tests whose subject is not the name format itself.</summary>
internal static class WireNames
{
    /// <summary>Converts "www.example.com." (trailing dot optional, no escapes) to length-prefixed labels.</summary>
    public static byte[] Of(string text)
    {
        List<byte> wire = [];
        foreach (string label in text.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            wire.Add((byte)label.Length);
            wire.AddRange(Encoding.ASCII.GetBytes(label));
        }

        wire.Add(0);
        return [.. wire];
    }

    /// <summary>A name of labels of the given lengths, each filled with 'a', root label appended.</summary>
    public static byte[] OfLabelLengths(params int[] labelLengths)
    {
        List<byte> wire = [];
        foreach (int length in labelLengths)
        {
            wire.Add((byte)length);
            wire.AddRange(Enumerable.Repeat((byte)'a', length));
        }

        wire.Add(0);
        return [.. wire];
    }

    /// <summary>A 12-octet header of zeros, for reader tests that never look at it.</summary>
    public static ReadOnlySpan<byte> Header => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
}
