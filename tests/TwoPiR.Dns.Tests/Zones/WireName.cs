using System.Text;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>Builds wire-form names for expectations, independently of the parser under test.</summary>
internal static class WireName
{
    /// <summary>
    /// Encodes a plain dotted name such as <c>www.example.com.</c> (no escapes; the final dot is optional)
    /// as length-prefixed labels ending with the root label.
    /// </summary>
    public static byte[] Of(string name)
    {
        List<byte> wire = [];
        string trimmed = name.TrimEnd('.');
        if (trimmed.Length > 0)
        {
            foreach (string label in trimmed.Split('.'))
            {
                wire.Add((byte)label.Length);
                wire.AddRange(Encoding.ASCII.GetBytes(label));
            }
        }

        wire.Add(0);
        return [.. wire];
    }

    /// <summary>Concatenates byte arrays, e.g. a fixed RDATA field and a name.</summary>
    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
