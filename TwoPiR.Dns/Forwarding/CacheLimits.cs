namespace TwoPiR.Dns.Forwarding;

/// <summary>The longest an answer is cached, in seconds.</summary>
/// <param name="MaxSeconds">For positive answers.</param>
/// <param name="MaxNegativeSeconds">For NXDOMAIN and NODATA (RFC 2308).</param>
internal readonly record struct CacheLimits(uint MaxSeconds, uint MaxNegativeSeconds)
{
    /// <summary>The limits <paramref name="options"/> set.</summary>
    public static CacheLimits From(ForwardingOptions options) =>
        new((uint)options.MaxCacheTtl.TotalSeconds, (uint)options.MaxNegativeTtl.TotalSeconds);
}
