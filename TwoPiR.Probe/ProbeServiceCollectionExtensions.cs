using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TwoPiR.Probe;

/// <summary>Registers the prober's services.</summary>
public static class ProbeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the health view the DNS server consults. Until health checks are configured
    /// (issue #3), no address is checked and every address reads <see cref="HealthState.Unknown"/>.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTwoPiRProbe(this IServiceCollection services)
    {
        services.TryAddSingleton<IHealthView, UnmonitoredHealthView>();
        return services;
    }
}
