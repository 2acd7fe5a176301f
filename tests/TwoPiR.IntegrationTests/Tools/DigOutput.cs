using System.Text.RegularExpressions;

namespace TwoPiR.IntegrationTests.Tools;

/// <summary>What one dig run printed: the text, and every response in it parsed.</summary>
/// <param name="Text">dig's standard output.</param>
/// <param name="Messages">The responses, in the order printed; a zone transfer without comments is one.</param>
/// <param name="MessageSize">The last <c>MSG SIZE rcvd</c> figure, when run with <c>+stats</c>.</param>
public sealed partial record DigOutput(string Text, IReadOnlyList<DigMessage> Messages, int? MessageSize)
{
    /// <summary>Whether dig reported a failed zone transfer.</summary>
    public bool TransferFailed => Text.Contains("; Transfer failed.", StringComparison.Ordinal);

    /// <summary>
    /// The text with what changes from run to run removed: the message ID, and the timing and
    /// server lines of <c>+stats</c>. This is what golden files hold.
    /// </summary>
    public string Normalized()
    {
        IEnumerable<string> lines = Text.Split('\n')
            .Where(line => !line.StartsWith(";; Query time:", StringComparison.Ordinal)
                && !line.StartsWith(";; SERVER:", StringComparison.Ordinal)
                && !line.StartsWith(";; WHEN:", StringComparison.Ordinal))
            .Select(line => IdField().Replace(line, string.Empty));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@", id: \d+")]
    private static partial Regex IdField();
}
