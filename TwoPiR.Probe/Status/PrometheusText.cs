using System.Buffers;
using System.Globalization;
using System.Text;

namespace TwoPiR.Probe.Status;

/// <summary>
/// Spelling rules of the Prometheus text exposition format 0.0.4: metric and label names,
/// label sets, escapes and numbers.
/// </summary>
internal static class PrometheusText
{
    private const int MinimumPooledChars = 1024;

    private static readonly SearchValues<char> s_labelValueEscapes = SearchValues.Create("\\\"\n");
    private static readonly Comparison<KeyValuePair<string, object?>> s_byKey = static (a, b) => string.CompareOrdinal(a.Key, b.Key);

    /// <summary>
    /// The metric name of an instrument: every character outside <c>[a-zA-Z0-9_:]</c> (such as
    /// <c>.</c> and <c>-</c>) becomes <c>_</c>, and unit <c>s</c> appends <c>_seconds</c>.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit)
    {
        StringBuilder name = new(instrumentName.Length + 9);
        foreach (char c in instrumentName)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        string text = name.ToString();
        return unit == "s" && !text.EndsWith("_seconds", StringComparison.Ordinal) ? text + "_seconds" : text;
    }

    /// <summary>The name a counter's samples carry: <paramref name="name"/> ending in <c>_total</c>.</summary>
    public static string CounterName(string name) => name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total";

    /// <summary>A sample value: shortest round-trip, invariant, with <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c>.</summary>
    public static string FormatDouble(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The text of a <c># HELP</c> line: backslash and line feed escaped.</summary>
    public static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Appends one sample line: <c>name{labels} value</c>, without braces when there are no labels.</summary>
    public static void AppendSample(StringBuilder text, string name, string labels, string value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    /// <summary>
    /// Writes the canonical label text of <paramref name="tags"/>, the inside of a label set
    /// (<c>a="1",b="x"</c>) sorted by tag key, into <paramref name="buffer"/>; when that is too
    /// short, into an array from <see cref="ArrayPool{T}.Shared"/> that the caller returns through
    /// <paramref name="rented"/>. Allocates nothing for string and number tags.
    /// </summary>
    public static ReadOnlySpan<char> WriteLabels(scoped ReadOnlySpan<KeyValuePair<string, object?>> tags, Span<char> buffer, ref char[]? rented)
    {
        KeyValuePair<string, object?>[]? sorted = null;
        if (!IsSortedByKey(tags))
        {
            sorted = ArrayPool<KeyValuePair<string, object?>>.Shared.Rent(tags.Length);
            Span<KeyValuePair<string, object?>> copy = sorted.AsSpan(0, tags.Length);
            tags.CopyTo(copy);
            copy.Sort(s_byKey);
            tags = copy;
        }

        try
        {
            int written;
            while (!TryWriteLabels(tags, buffer, out written))
            {
                int size = Math.Max(buffer.Length * 2, MinimumPooledChars);
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }

                rented = ArrayPool<char>.Shared.Rent(size);
                buffer = rented;
            }

            return buffer[..written];
        }
        finally
        {
            if (sorted is not null)
            {
                ArrayPool<KeyValuePair<string, object?>>.Shared.Return(sorted, clearArray: true);
            }
        }
    }

    private static bool IsSortedByKey(scoped ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        for (int i = 1; i < tags.Length; i++)
        {
            if (string.CompareOrdinal(tags[i - 1].Key, tags[i].Key) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryWriteLabels(scoped ReadOnlySpan<KeyValuePair<string, object?>> tags, Span<char> destination, out int written)
    {
        int position = 0;
        for (int i = 0; i < tags.Length; i++)
        {
            if ((i > 0 && !TryAppend(destination, ref position, ',', null))
                || !TryWriteLabelName(tags[i].Key, destination, ref position)
                || !TryAppend(destination, ref position, '=', '"')
                || !TryWriteLabelValue(tags[i].Value, destination, ref position)
                || !TryAppend(destination, ref position, '"', null))
            {
                written = 0;
                return false;
            }
        }

        written = position;
        return true;
    }

    // Label names match [a-zA-Z_][a-zA-Z0-9_]*: anything else becomes '_', and a leading digit gets a '_' before it.
    private static bool TryWriteLabelName(string key, Span<char> destination, ref int position)
    {
        if ((key.Length == 0 || char.IsAsciiDigit(key[0])) && !TryAppend(destination, ref position, '_', null))
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!TryAppend(destination, ref position, char.IsAsciiLetterOrDigit(c) ? c : '_', null))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryWriteLabelValue(object? value, Span<char> destination, ref int position)
    {
        switch (value)
        {
            case null:
                return true;
            case string text:
                return TryWriteEscaped(text, destination, ref position);
            case bool flag:
                return TryWriteEscaped(flag ? "true" : "false", destination, ref position);
            case ISpanFormattable formattable:
                Span<char> rest = destination[position..];
                if (formattable.TryFormat(rest, out int length, default, CultureInfo.InvariantCulture)
                    && !rest[..length].ContainsAny(s_labelValueEscapes))
                {
                    position += length;
                    return true;
                }

                // Too short, or text that needs escapes: the string form decides, and the caller grows the buffer if needed.
                return TryWriteEscaped(formattable.ToString(null, CultureInfo.InvariantCulture), destination, ref position);
            default:
                return TryWriteEscaped(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", destination, ref position);
        }
    }

    private static bool TryWriteEscaped(ReadOnlySpan<char> text, Span<char> destination, ref int position)
    {
        while (true)
        {
            int next = text.IndexOfAny(s_labelValueEscapes);
            ReadOnlySpan<char> plain = next < 0 ? text : text[..next];
            if (!plain.TryCopyTo(destination[position..]))
            {
                return false;
            }

            position += plain.Length;
            if (next < 0)
            {
                return true;
            }

            if (!TryAppend(destination, ref position, '\\', text[next] == '\n' ? 'n' : text[next]))
            {
                return false;
            }

            text = text[(next + 1)..];
        }
    }

    private static bool TryAppend(Span<char> destination, ref int position, char first, char? second)
    {
        int needed = second is null ? 1 : 2;
        if (destination.Length - position < needed)
        {
            return false;
        }

        destination[position++] = first;
        if (second is char c)
        {
            destination[position++] = c;
        }

        return true;
    }
}
