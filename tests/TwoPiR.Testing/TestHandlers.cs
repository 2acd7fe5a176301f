using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TwoPiR.Dns;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Testing;

/// <summary>Wires a <see cref="QueryHandler"/> the way the host does, with test doubles where asked.</summary>
internal static class TestHandlers
{
    private static readonly IMeterFactory s_meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>Creates a handler over <paramref name="zones"/>; <paramref name="forwarder"/>, when given, replaces one made from <paramref name="forwarding"/>.</summary>
    public static QueryHandler Create(
        ZoneStore zones,
        DnsServerOptions? options = null,
        IHealthView? health = null,
        CheckedRRsets? checkedRRsets = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null,
        ForwardingOptions? forwarding = null,
        Forwarder? forwarder = null)
    {
        IOptions<DnsServerOptions> settings = Options.Create(options ?? new DnsServerOptions());
        ILoggerFactory loggers = logs is null ? NullLoggerFactory.Instance : LoggerFactory.Create(builder => builder.AddProvider(logs));
        time ??= TimeProvider.System;
        return new QueryHandler(
            zones,
            new AnswerBuilder(new AddressSelector(health ?? new FixedHealthView(), checkedRRsets ?? new CheckedRRsets())),
            new ErrorReplyBudget(settings, time),
            new TransferPolicy(settings),
            forwarder ?? CreateForwarder(settings, forwarding ?? new ForwardingOptions(), time, loggers),
            new DnsMetrics(s_meters),
            settings,
            time,
            loggers.CreateLogger<QueryHandler>());
    }

    /// <summary>Creates a forwarder the way the host does; with no upstreams in <paramref name="forwarding"/> it forwards nothing.</summary>
    /// <param name="settings">The server's settings.</param>
    /// <param name="forwarding">The forwarding settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Where logs go.</param>
    /// <param name="cache">A cache the test fills or inspects; a new one from <paramref name="forwarding"/> when not given.</param>
    /// <param name="metrics">Instruments a test listens to; ones on a shared meter factory when not given.</param>
    public static Forwarder CreateForwarder(
        IOptions<DnsServerOptions> settings,
        ForwardingOptions forwarding,
        TimeProvider time,
        ILoggerFactory loggers,
        ForwardCache? cache = null,
        ForwardMetrics? metrics = null)
    {
        IOptions<ForwardingOptions> forwardingSettings = Options.Create(forwarding);
        metrics ??= new ForwardMetrics(s_meters);
        return new Forwarder(
            forwardingSettings,
            settings,
            cache ?? new ForwardCache(forwardingSettings, time, metrics),
            metrics,
            new DnsMetrics(s_meters),
            time,
            loggers.CreateLogger<Forwarder>());
    }
}
