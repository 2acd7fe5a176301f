using System.Globalization;
using System.Text;

namespace TwoPiR.Probe.Status;

/// <summary>The <c>status</c> command's table: one row per name and address, columns padded to fit.</summary>
internal static class StatusTable
{
    private static readonly string[] s_headings = ["NAME", "ADDRESS", "STATE", "SINCE", "LAST CHECK", "LATENCY", "IN A ROW"];

    /// <summary>Renders <paramref name="document"/> as aligned text.</summary>
    public static string Render(StatusDocument document)
    {
        if (document.Names.Count == 0)
        {
            return "No name is health-checked (Probe:Names is empty): every address is served.\n";
        }

        List<string[]> rows = [s_headings];
        foreach (NameStatus name in document.Names)
        {
            if (name.Addresses.Count == 0)
            {
                rows.Add([name.Name, "-", "no A/AAAA records", "", "", "", ""]);
            }

            rows.AddRange(name.Addresses.Select(address => Row(name, address)));
        }

        int[] widths = [.. Enumerable.Range(0, s_headings.Length).Select(column => rows.Max(row => row[column].Length))];
        StringBuilder text = new();
        foreach (string[] row in rows)
        {
            text.AppendJoin("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))).Append('\n');
        }

        return text.ToString();
    }

    private static string[] Row(NameStatus name, AddressStatus address) =>
    [
        name.Name,
        address.Address,
        address.Drained ? $"drained ({address.State.ToString().ToLowerInvariant()})" : address.State.ToString().ToLowerInvariant(),
        address.Since.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        address.LastDetail ?? "not yet",
        address.LastLatencyMilliseconds is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms") : "",
        address.ConsecutiveFailed > 0 ? $"{address.ConsecutiveFailed} failed" : $"{address.ConsecutivePassed} passed",
    ];
}
