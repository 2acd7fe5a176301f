using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Server;
using TwoPiR.Dns.Zones;

namespace TwoPiR.Dns;

/// <summary>Registers the authoritative DNS server.</summary>
public static class DnsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the zones (loaded at start, reloaded on change), the answer logic, forwarding (off
    /// until upstreams are configured in the <c>Forwarding</c> section) and the UDP/TCP listeners,
    /// with <see cref="DnsServerOptions"/> bound to the <c>Dns</c> section. The health
    /// view (<see cref="TwoPiR.Probe.IHealthView"/>) and the prober's target list
    /// (<see cref="TwoPiR.Probe.IProbeTargets"/>) must be registered too.
    /// </summary>
    /// <param name="services">The service collection to add to.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddTwoPiRDns(this IServiceCollection services)
    {
        services.AddOptions<DnsServerOptions>().BindConfiguration(DnsServerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DnsServerOptions>, DnsServerOptionsRangeValidator>();
        services.AddSingleton<IValidateOptions<DnsServerOptions>, DnsServerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<DnsMetrics>();

        services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsRangeValidator>();
        services.AddSingleton<IValidateOptions<ForwardingOptions>, ForwardingOptionsValidator>();
        services.AddSingleton<ForwardMetrics>();
        services.AddSingleton<ForwardCache>();
        services.AddSingleton<Forwarder>();
        services.AddSingleton<UdpForwardQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<UdpForwardQueue>());

        services.AddSingleton<ZoneStore>();
        services.AddSingleton<CheckedRRsets>();
        services.AddSingleton<ZoneLoader>();
        services.AddSingleton<AddressSelector>();
        services.AddSingleton<AnswerBuilder>();
        services.AddSingleton<ErrorReplyBudget>();
        services.AddSingleton<TransferPolicy>();
        services.AddSingleton<QueryHandler>();

        // The feed follows zone loads from the first, telling the prober what to probe; zones load
        // before the receive loops start, so the first query already has answers.
        services.AddHostedService<ProbeTargetFeed>();
        services.AddSingleton<ZoneReloadService>();
        services.AddHostedService(provider => provider.GetRequiredService<ZoneReloadService>());
        services.AddSingleton<DnsServerService>();
        services.AddHostedService(provider => provider.GetRequiredService<DnsServerService>());
        return services;
    }
}
