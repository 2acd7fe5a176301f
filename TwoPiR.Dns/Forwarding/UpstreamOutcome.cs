namespace TwoPiR.Dns.Forwarding;

/// <summary>How one try of one upstream ended.</summary>
internal enum UpstreamOutcome
{
    /// <summary>It answered, and the answer is relayed.</summary>
    Answered,

    /// <summary>It could not be reached, or sent a broken answer.</summary>
    Failed,

    /// <summary>It did not answer within the timeout.</summary>
    TimedOut,

    /// <summary>It answered SERVFAIL or REFUSED, so the next one is asked.</summary>
    Unusable,

    /// <summary>It was skipped: it has been failing, and its pause is not over.</summary>
    Skipped,
}
