namespace TwoPiR.Dns.Answers;

/// <summary>Where the search for a name in a zone ended (RFC 1034 §4.3.2 step 3).</summary>
internal enum NameMatch
{
    /// <summary>The name exists (possibly as an empty non-terminal).</summary>
    Exact,

    /// <summary>The name does not exist, but a wildcard at its closest encloser covers it (RFC 4592 §3.3.1).</summary>
    Wildcard,

    /// <summary>The search crossed a zone cut: answer with a referral.</summary>
    Delegation,

    /// <summary>The name does not exist and no wildcard covers it: NXDOMAIN.</summary>
    NameError,
}
