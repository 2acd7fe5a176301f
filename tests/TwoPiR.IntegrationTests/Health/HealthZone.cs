using System.Globalization;

namespace TwoPiR.IntegrationTests.Health;

/// <summary>
/// The zone the health tests serve: <c>health.test.</c> with the checked name <c>twopir</c> holding
/// one A record per loopback web node, and <c>www</c> an alias of it.
/// </summary>
internal static class HealthZone
{
    /// <summary>The zone file's name in the zones folder.</summary>
    public const string FileName = "health.test.zone";

    /// <summary>The health-checked name.</summary>
    public const string CheckedName = "twopir.health.test";

    /// <summary>An alias of <see cref="CheckedName"/> in the same zone.</summary>
    public const string Alias = "www.health.test";

    /// <summary>The TTL of the checked A records and of the alias in the zone file.</summary>
    public const uint RecordTtl = 30;

    /// <summary>The negative TTL: min(SOA TTL 300, MINIMUM 60), RFC 2308 §3.</summary>
    public const uint NegativeTtl = 60;

    /// <summary>The SOA's RDATA as dig prints it, for <paramref name="serial"/>.</summary>
    public static string SoaData(uint serial) => string.Create(CultureInfo.InvariantCulture, $"ns1.health.test. hostmaster.health.test. {serial} 7200 900 1209600 60");

    /// <summary>The zone file with <paramref name="serial"/> and one <c>twopir</c> A record per address.</summary>
    /// <param name="serial">The SOA serial; raise it for every edit.</param>
    /// <param name="addresses">The web nodes' loopback addresses.</param>
    public static string Text(uint serial, IEnumerable<string> addresses)
    {
        string records = string.Concat(addresses.Select(address => $"twopir  {RecordTtl}  IN  A      {address}\n"));
        return string.Create(CultureInfo.InvariantCulture, $"""
            ; health.test for the health-check integration tests: every twopir address is a loopback web node.
            $ORIGIN health.test.
            $TTL 300
            @       IN  SOA  ns1.health.test. hostmaster.health.test. ( {serial} 7200 900 1209600 60 )
                    IN  NS   ns1
            ; Data only: nothing contacts the name server's address.
            ns1     IN  A    192.0.2.1

            """) + records + $"www     {RecordTtl}  IN  CNAME  twopir\n";
    }
}
