namespace TwoPiR.Probe;

/// <summary>What a health-checked name answers when none of its addresses may be served.</summary>
public enum AllDownPolicy
{
    /// <summary>Serve every address that is not drained (fail open): a client may still reach a node the prober cannot.</summary>
    ServeAll = 0,

    /// <summary>Answer NOERROR with no records (NODATA), so clients see the name but no address.</summary>
    NoData = 1,

    /// <summary>Answer SERVFAIL, so resolvers try another server and cache nothing.</summary>
    ServFail = 2,
}
