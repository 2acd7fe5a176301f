namespace TwoPiR.Dns.Answers;

/// <summary>What to send back for one query.</summary>
/// <param name="Length">The length of the response written; 0 to send nothing.</param>
/// <param name="Transfer">A zone transfer to stream instead, over TCP only.</param>
internal readonly record struct QueryResult(int Length, ZoneTransfer? Transfer = null)
{
    /// <summary>Send nothing.</summary>
    public static QueryResult Drop => default;
}
