namespace TwoPiR.Probe.Checks;

/// <summary>The HTTP status codes that pass a check, parsed from text such as <c>200,204,300-399</c>.</summary>
internal sealed class StatusCodeSet : IEquatable<StatusCodeSet>
{
    private const int Lowest = 100;
    private const int Highest = 599;
    private readonly bool[] _accepted;

    private StatusCodeSet(string text, bool[] accepted)
    {
        Text = text;
        _accepted = accepted;
    }

    /// <summary>The set as written in settings.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; returns <see langword="false"/> with the reason when it is not a list of codes and ranges within 100–599.</summary>
    public static bool TryParse(string text, out StatusCodeSet set, out string error)
    {
        bool[] accepted = new bool[Highest + 1];
        set = new StatusCodeSet(text, accepted);
        error = "";
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !TryParseCode(bounds[0], out int from) || !TryParseCode(bounds[^1], out int to) || from > to)
            {
                error = $"'{part}' is not a status code (100-599) or a range such as 200-399";
                return false;
            }

            accepted.AsSpan(from, to - from + 1).Fill(true);
        }

        return true;
    }

    /// <summary>Whether <paramref name="status"/> passes.</summary>
    public bool Accepts(int status) => status is >= Lowest and <= Highest && _accepted[status];

    /// <inheritdoc />
    public bool Equals(StatusCodeSet? other) => other is not null && _accepted.AsSpan().SequenceEqual(other._accepted);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StatusCodeSet);

    /// <inheritdoc />
    public override int GetHashCode() => Array.IndexOf(_accepted, true);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool TryParseCode(string text, out int code) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code)
        && code is >= Lowest and <= Highest;
}
