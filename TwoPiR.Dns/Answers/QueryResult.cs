namespace TwoPiR.Dns.Answers;

/// <summary>What to send back for one query.</summary>
/// <param name="Length">The length of the response written; 0 to send nothing yet.</param>
/// <param name="Transfer">A zone transfer to stream instead, over TCP only.</param>
/// <param name="ToUpstream">The query goes to the forwarder, which answers it once an upstream has.</param>
internal readonly record struct QueryResult(int Length, ZoneTransfer? Transfer = null, bool ToUpstream = false)
{
    /// <summary>Send nothing.</summary>
    public static QueryResult Drop => default;

    /// <summary>Not in the cache: forward the query, and reply when the answer comes.</summary>
    public static QueryResult Forward => new(0, ToUpstream: true);
}
