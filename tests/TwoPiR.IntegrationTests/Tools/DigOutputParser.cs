using System.Globalization;
using System.Text.RegularExpressions;

namespace TwoPiR.IntegrationTests.Tools;

/// <summary>
/// Reads dig's default output (BIND 9.18, <c>+nocmd +nostats</c>, comments on):
/// <code>
/// ;; Got answer:
/// ;; ->>HEADER&lt;&lt;- opcode: QUERY, status: NOERROR, id: 56337
/// ;; flags: qr aa rd; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1
///
/// ;; OPT PSEUDOSECTION:
/// ; EDNS: version: 0, flags:; udp: 1232
/// ;; QUESTION SECTION:
/// ;twopir.example.com.		IN	A
///
/// ;; ANSWER SECTION:
/// twopir.example.com.	60	IN	A	192.0.2.11
/// </code>
/// </summary>
internal static partial class DigOutputParser
{
    private enum Section
    {
        None,
        Opt,
        Question,
        Answer,
        Authority,
        Additional,
    }

    public static DigOutput Parse(string text)
    {
        List<DigMessage> messages = [];
        DigMessage? message = null;
        Section section = Section.None;
        int? size = null;
        foreach (string line in text.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (line.StartsWith(";; Got answer:", StringComparison.Ordinal))
            {
                messages.Add(message = new DigMessage());
                section = Section.None;
            }
            else if (SectionLine().Match(line) is { Success: true } heading)
            {
                string name = heading.Groups["name"].Value;
                section = name == "OPT PSEUDO" ? Section.Opt : Enum.Parse<Section>(name, ignoreCase: true);
            }
            else if (line.StartsWith(";; MSG SIZE", StringComparison.Ordinal))
            {
                size = int.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith(';'))
            {
                ParseComment(message, section, line);
            }
            else if (line.Length > 0)
            {
                // A zone transfer prints its records without comments, so without a header.
                if (message is null)
                {
                    messages.Add(message = new DigMessage());
                    section = Section.Answer;
                }

                AddRecord(message, section, line);
            }
        }

        return new DigOutput(text, messages, size);
    }

    private static void ParseComment(DigMessage? message, Section section, string line)
    {
        if (message is null)
        {
            return;
        }

        if (HeaderLine().Match(line) is { Success: true } header)
        {
            message.Opcode = header.Groups["opcode"].Value;
            message.Status = header.Groups["status"].Value;
            message.Id = Number(header, "id");
        }
        else if (FlagsLine().Match(line) is { Success: true } flags)
        {
            message.Flags = flags.Groups["flags"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            message.QuestionCount = Number(flags, "qd");
            message.AnswerCount = Number(flags, "an");
            message.AuthorityCount = Number(flags, "ns");
            message.AdditionalCount = Number(flags, "ar");
        }
        else if (section == Section.Opt && EdnsLine().Match(line) is { Success: true } edns)
        {
            message.Edns = new DigEdns(Number(edns, "version"), edns.Groups["flags"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), Number(edns, "udp"), []);
        }
        else if (section == Section.Opt && message.Edns is not null && OptionLine().IsMatch(line))
        {
            message.Edns = message.Edns with { Options = [.. message.Edns.Options, line[2..]] };
        }
        else if (section == Section.Question && QuestionLine().Match(line) is { Success: true } question)
        {
            message.Question.Add(new DigQuestion(question.Groups["name"].Value, question.Groups["class"].Value, question.Groups["type"].Value));
        }
    }

    private static void AddRecord(DigMessage message, Section section, string line)
    {
        Match match = RecordLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"dig printed a line that is not a record: '{line}'");
        }

        DigRecord record = new(
            match.Groups["owner"].Value,
            uint.Parse(match.Groups["ttl"].Value, CultureInfo.InvariantCulture),
            match.Groups["class"].Value,
            match.Groups["type"].Value,
            match.Groups["data"].Value);
        List<DigRecord> target = section switch
        {
            Section.Answer => message.Answer,
            Section.Authority => message.Authority,
            Section.Additional => message.Additional,
            _ => throw new FormatException($"dig printed a record outside a section: '{line}'"),
        };
        target.Add(record);
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^;; (?<name>OPT PSEUDO|QUESTION|ANSWER|AUTHORITY|ADDITIONAL) ?SECTION:$")]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^;; ->>HEADER<<- opcode: (?<opcode>\S+), status: (?<status>\S+), id: (?<id>\d+)$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^;; flags:(?<flags>[^;]*); QUERY: (?<qd>\d+), ANSWER: (?<an>\d+), AUTHORITY: (?<ns>\d+), ADDITIONAL: (?<ar>\d+)$")]
    private static partial Regex FlagsLine();

    [GeneratedRegex(@"^; EDNS: version: (?<version>\d+), flags:(?<flags>[^;]*);.*udp: (?<udp>\d+)$")]
    private static partial Regex EdnsLine();

    [GeneratedRegex(@"^; (?:[A-Z0-9-]+|OPT=\d+): ")]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"^;(?<name>\S+)\s+(?<class>\S+)\s+(?<type>\S+)$")]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"^(?<owner>\S+)\s+(?<ttl>\d+)\s+(?<class>\S+)\s+(?<type>\S+)\s*(?<data>.*)$")]
    private static partial Regex RecordLine();
}
