using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TwoPiR.Probe.Health;
using TwoPiR.Probe.Scheduling;
using TwoPiR.Probe.Status;

namespace TwoPiR.Probe;

/// <summary>Registers the prober's services.</summary>
public static class ProbeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the health checks of the names under <c>Probe:Names</c>, the health view the DNS
    /// server consults (<see cref="IHealthView"/>), the target list it feeds
    /// (<see cref="IProbeTargets"/>), and the status endpoint under <c>Status</c>.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTwoPiRProbe(this IServiceCollection services)
    {
        // A value that does not convert (Interval=soon) or a misspelt key (Intervall) inside a
        // name's block would otherwise drop the whole name silently, turning its checks off.
        services.AddOptions<ProbeOptions>()
            .BindConfiguration(ProbeOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProbeOptions>, ProbeOptionsValidator>();
        services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusOptions>, StatusOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<HealthTable>();
        services.TryAddSingleton<IHealthView>(provider => provider.GetRequiredService<HealthTable>());
        services.AddSingleton<ProbeMetrics>();
        services.AddSingleton<ProbeService>();
        services.TryAddSingleton<IProbeTargets>(provider => provider.GetRequiredService<ProbeService>());
        services.AddHostedService(provider => provider.GetRequiredService<ProbeService>());
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<StatusEndpointService>();
        services.AddHostedService(provider => provider.GetRequiredService<StatusEndpointService>());
        return services;
    }
}
