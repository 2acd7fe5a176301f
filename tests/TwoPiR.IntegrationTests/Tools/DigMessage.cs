namespace TwoPiR.IntegrationTests.Tools;

/// <summary>One response as dig prints it: header, OPT pseudosection and the four sections.</summary>
public sealed class DigMessage
{
    /// <summary>The opcode mnemonic, e.g. <c>QUERY</c>.</summary>
    public string Opcode { get; internal set; } = string.Empty;

    /// <summary>The response code mnemonic, extended codes included, e.g. <c>NXDOMAIN</c> or <c>BADVERS</c>.</summary>
    public string Status { get; internal set; } = string.Empty;

    /// <summary>The message ID.</summary>
    public int Id { get; internal set; }

    /// <summary>The header flags that are set, e.g. <c>qr aa rd</c>.</summary>
    public IReadOnlyList<string> Flags { get; internal set; } = [];

    /// <summary>QDCOUNT as the header says.</summary>
    public int QuestionCount { get; internal set; }

    /// <summary>ANCOUNT as the header says.</summary>
    public int AnswerCount { get; internal set; }

    /// <summary>NSCOUNT as the header says.</summary>
    public int AuthorityCount { get; internal set; }

    /// <summary>ARCOUNT as the header says, the OPT record included.</summary>
    public int AdditionalCount { get; internal set; }

    /// <summary>The OPT pseudosection, or <see langword="null"/> when the response had no OPT record.</summary>
    public DigEdns? Edns { get; internal set; }

    /// <summary>The question section.</summary>
    public List<DigQuestion> Question { get; } = [];

    /// <summary>The answer section.</summary>
    public List<DigRecord> Answer { get; } = [];

    /// <summary>The authority section.</summary>
    public List<DigRecord> Authority { get; } = [];

    /// <summary>The additional section, without the OPT record.</summary>
    public List<DigRecord> Additional { get; } = [];

    /// <summary>Whether the header flag <paramref name="flag"/> (e.g. <c>aa</c>, <c>tc</c>) is set.</summary>
    public bool HasFlag(string flag) => Flags.Contains(flag);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Status} [{string.Join(' ', Flags)}] QD={QuestionCount} AN={AnswerCount} NS={AuthorityCount} AR={AdditionalCount}";
}
