using System.Text;

namespace TwoPiR.Provision.Ssh;

/// <summary>
/// Quotes words for a POSIX shell. ssh joins its remote arguments with spaces and hands the line to
/// the login shell on the node, so every argument we send goes through here, exactly once.
/// </summary>
internal static class ShellQuote
{
    /// <summary>Quotes one word so the shell reads it back unchanged: <c>it's</c> becomes <c>'it'\''s'</c>.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(IsSafe))
        {
            return word;
        }

        // Inside single quotes nothing is special but the quote itself, which is closed, escaped and reopened.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Quotes each word and joins them with spaces, giving one command line.</summary>
    public static string Join(IEnumerable<string> words)
    {
        StringBuilder line = new();
        foreach (string word in words)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(Quote(word));
        }

        return line.ToString();
    }

    // Left bare, these keep plans readable; anything else (spaces, $, *, ~, quotes, newlines, non-ASCII) is quoted.
    // '=' is safe because we never send a word that starts a command with it (that would be an assignment).
    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '/' or ':' or ',' or '@' or '+' or '=' or '%';
}
