using System.Globalization;
using System.Text;

namespace TwoPiR.IntegrationTests.Forwarding;

/// <summary>
/// <c>fwd.test.</c>, the zone the real upstreams serve: a name with a long TTL, one with a 1-second
/// TTL, a negative TTL (SOA MINIMUM) of 1 second, and TXT RRsets on either side of 512 and 1232 octets.
/// Every address is documentation data (RFC 5737); nothing contacts them.
/// </summary>
internal static class FwdZone
{
    /// <summary>The origin.</summary>
    public const string Origin = "fwd.test";

    /// <summary>A name with one A record of TTL <see cref="LongTtl"/>.</summary>
    public const string Web = "twopir.fwd.test";

    /// <summary>The address of <see cref="Web"/>.</summary>
    public const string WebAddress = "192.0.2.10";

    /// <summary>Another name with one A record of TTL <see cref="LongTtl"/>.</summary>
    public const string Mail = "mail.fwd.test";

    /// <summary>The address of <see cref="Mail"/>.</summary>
    public const string MailAddress = "192.0.2.25";

    /// <summary>A name whose one A record has a TTL of 1 second.</summary>
    public const string Short = "short.fwd.test";

    /// <summary>The address of <see cref="Short"/>.</summary>
    public const string ShortAddress = "192.0.2.11";

    /// <summary>Three TXT records of 200 characters: about 680 octets, over 512 and under 1232.</summary>
    public const string Medium = "medium.fwd.test";

    /// <summary>Eight TXT records of 200 characters: about 1750 octets, over the 1232 we ask upstreams for, so they truncate over UDP.</summary>
    public const string Big = "big.fwd.test";

    /// <summary>The TTL of every record but <see cref="Short"/>'s.</summary>
    public const uint LongTtl = 300;

    /// <summary>The record count of <see cref="Medium"/>.</summary>
    public const int MediumRecords = 3;

    /// <summary>The record count of <see cref="Big"/>.</summary>
    public const int BigRecords = 8;

    /// <summary>The length of each TXT string.</summary>
    public const int TextLength = 200;

    /// <summary>The zone file.</summary>
    public static string Text { get; } = Build();

    /// <summary>The TXT strings of <paramref name="name"/> (<see cref="Medium"/> or <see cref="Big"/>) as dig prints them, in quotes.</summary>
    public static IEnumerable<string> Texts(string name)
    {
        string owner = name.Split('.')[0];
        int count = name == Big ? BigRecords : MediumRecords;
        return Enumerable.Range(1, count).Select(i => $"\"{TextOf(owner, i, count)}\"");
    }

    private static string Build()
    {
        StringBuilder zone = new();
        zone.AppendLine(CultureInfo.InvariantCulture, $"$ORIGIN {Origin}.");
        zone.AppendLine(CultureInfo.InvariantCulture, $"$TTL {LongTtl}");
        zone.AppendLine("; MINIMUM 1: NXDOMAIN and NODATA may be cached for 1 second (RFC 2308 §5).");
        zone.AppendLine("@       IN SOA ns hostmaster 1 3600 600 86400 1");
        zone.AppendLine("@       IN NS  ns");
        zone.AppendLine("ns      IN A   192.0.2.53");
        zone.AppendLine(CultureInfo.InvariantCulture, $"twopir  IN A   {WebAddress}");
        zone.AppendLine(CultureInfo.InvariantCulture, $"mail    IN A   {MailAddress}");
        zone.AppendLine(CultureInfo.InvariantCulture, $"short 1 IN A   {ShortAddress}");
        AppendTexts(zone, "medium", MediumRecords);
        AppendTexts(zone, "big", BigRecords);
        return zone.ToString();
    }

    private static void AppendTexts(StringBuilder zone, string owner, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            zone.AppendLine(CultureInfo.InvariantCulture, $"{owner} IN TXT \"{TextOf(owner, i, count)}\"");
        }
    }

    private static string TextOf(string owner, int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{owner} record {index} of {count} ").PadRight(TextLength, 'x');
}
