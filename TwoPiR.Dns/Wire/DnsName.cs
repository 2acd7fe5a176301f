using System.Diagnostics;
using System.Text;

namespace TwoPiR.Dns.Wire;

/// <summary>
/// Helpers for domain names in uncompressed wire form: length-prefixed labels ending with the
/// zero-length root label (RFC 1035 §3.1). Zone data and lookups keep names in this form.
/// </summary>
/// <remarks>
/// Label length octets are at most 63, below every ASCII letter, so a whole wire name can be
/// case-folded or compared octet by octet without first splitting it into labels.
/// </remarks>
internal static class DnsName
{
    /// <summary>The longest name, counting length octets and the root label (RFC 1035 §3.1).</summary>
    public const int MaxLength = 255;

    /// <summary>The longest label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The most labels a name of <see cref="MaxLength"/> octets can have, root excluded.</summary>
    public const int MaxLabels = 127;

    /// <summary>The root name: a single zero-length label.</summary>
    public static ReadOnlySpan<byte> Root => [0];

    /// <summary>Measures the uncompressed name at the start of <paramref name="source"/> and validates its labels.</summary>
    /// <returns><see langword="false"/> for a truncated name, a compression pointer, a reserved label type, or a name over 255 octets.</returns>
    public static bool TryGetLength(ReadOnlySpan<byte> source, out int length)
    {
        int position = 0;
        while (position < source.Length && position < MaxLength)
        {
            int label = source[position];
            if (label == 0)
            {
                length = position + 1;
                return true;
            }

            if (label > MaxLabelLength)
            {
                break;
            }

            position += 1 + label;
        }

        length = 0;
        return false;
    }

    /// <summary>Copies <paramref name="name"/> into <paramref name="destination"/> with ASCII letters folded to lower case.</summary>
    public static void ToLower(ReadOnlySpan<byte> name, Span<byte> destination)
    {
        Debug.Assert(destination.Length >= name.Length, "destination too small");
        for (int i = 0; i < name.Length; i++)
        {
            destination[i] = FoldCase(name[i]);
        }
    }

    /// <summary>Compares two wire names, ignoring the case of ASCII letters (RFC 4343).</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i] && FoldCase(left[i]) != FoldCase(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> equals <paramref name="ancestor"/> or lies below it; both in lower case.</summary>
    public static bool IsAtOrBelow(ReadOnlySpan<byte> name, ReadOnlySpan<byte> ancestor)
    {
        int start = 0;
        while (name.Length - start > ancestor.Length)
        {
            start += 1 + name[start];
        }

        return name.Length - start == ancestor.Length && name[start..].SequenceEqual(ancestor);
    }

    /// <summary>Writes the offset of every label of <paramref name="name"/>, left to right, root excluded.</summary>
    /// <returns>The number of labels.</returns>
    public static int GetLabelOffsets(ReadOnlySpan<byte> name, Span<byte> offsets)
    {
        int count = 0;
        for (int position = 0; name[position] != 0; position += 1 + name[position])
        {
            offsets[count++] = (byte)position;
        }

        return count;
    }

    /// <summary>Converts a host name such as <c>twopir.example.com</c> (letters, digits, '-', '_') to lower-case wire form.</summary>
    /// <remarks>For names from settings, checked already; it allocates.</remarks>
    public static byte[] FromHostName(string hostName)
    {
        string[] labels = hostName.TrimEnd('.').ToLowerInvariant().Split('.');
        byte[] wire = new byte[labels.Sum(label => label.Length + 1) + 1];
        int position = 0;
        foreach (string label in labels)
        {
            wire[position++] = (byte)label.Length;
            position += System.Text.Encoding.ASCII.GetBytes(label, wire.AsSpan(position));
        }

        return wire;
    }

    /// <summary>Formats a wire name in presentation form, fully qualified, escaping as RFC 1035 §5.1 requires.</summary>
    /// <remarks>For logs and messages only: it allocates.</remarks>
    public static string ToText(ReadOnlySpan<byte> name)
    {
        if (name.Length <= 1)
        {
            return ".";
        }

        StringBuilder text = new(name.Length + 8);
        for (int position = 0; position < name.Length && name[position] != 0; position += 1 + name[position])
        {
            foreach (byte octet in name.Slice(position + 1, name[position]))
            {
                AppendEscaped(text, octet);
            }

            text.Append('.');
        }

        return text.ToString();
    }

    private static void AppendEscaped(StringBuilder text, byte octet)
    {
        switch (octet)
        {
            case (byte)'.' or (byte)'\\' or (byte)'"' or (byte)';' or (byte)'(' or (byte)')' or (byte)'@' or (byte)'$':
                text.Append('\\').Append((char)octet);
                break;
            case <= 0x20 or >= 0x7F:
                text.Append('\\').Append(((int)octet).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                text.Append((char)octet);
                break;
        }
    }

    private static byte FoldCase(byte octet) => octet is >= (byte)'A' and <= (byte)'Z' ? (byte)(octet | 0x20) : octet;
}
