using System.Globalization;
using System.Net;
using System.Text;

namespace TwoPiR.Probe.Status;

/// <summary>The human status page: one table row per address, refreshing itself every two seconds, no script needed.</summary>
internal static class StatusPage
{
    /// <summary>Renders <paramref name="document"/> as a complete HTML page.</summary>
    public static string Render(StatusDocument document)
    {
        StringBuilder html = new();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
            <title>TwoPiR status</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin-bottom:2em}th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
            .healthy{color:#17702b;font-weight:bold}.unhealthy{color:#b00020;font-weight:bold}.unknown{color:#777;font-weight:bold}.drained{color:#8a5a00;font-weight:bold}
            small{color:#666}
            </style></head><body>
            <h1>TwoPiR status</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p><small>{Encode(document.GeneratedAt.ToString("u", CultureInfo.InvariantCulture))} · refreshes every 2 s · <a href=\"/status\">JSON</a> · <a href=\"/metrics\">metrics</a></small></p>\n");
        if (document.Names.Count == 0)
        {
            html.Append("<p>No name is health-checked: every address is served. Add names under <code>Probe:Names</code>.</p>\n");
        }

        foreach (NameStatus name in document.Names)
        {
            AppendName(html, name);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendName(StringBuilder html, NameStatus name)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(name.Name)}</h2>\n<p><small>{Encode(name.Check)}; every {name.IntervalSeconds:0.###} s, down after {name.Fall} failed, up after {name.Rise} passed; TTL at most {name.MaxTtlSeconds:0} s; when all are down: {name.WhenAllDown}</small></p>\n");
        html.Append("<table class=\"nodes\"><thead><tr><th>Address</th><th>State</th><th>Since</th><th>Last check</th><th>Latency</th><th>In a row</th></tr></thead><tbody>\n");
        if (name.Addresses.Count == 0)
        {
            html.Append("<tr><td colspan=\"6\">no A or AAAA records in the loaded zones</td></tr>\n");
        }

        foreach (AddressStatus address in name.Addresses)
        {
            string state = address.Drained ? "drained" : address.State.ToString().ToLowerInvariant();
            string inARow = address.ConsecutiveFailed > 0 ? $"{address.ConsecutiveFailed} failed" : $"{address.ConsecutivePassed} passed";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(address.Address)}</td><td class=\"{state}\">{state}</td><td>{Encode(address.Since.ToString("u", CultureInfo.InvariantCulture))}</td><td>{Encode(address.LastDetail ?? "not yet")}</td><td>{(address.LastLatencyMilliseconds is { } ms ? $"{ms:0.0} ms" : "")}</td><td>{inARow}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
