using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TwoPiR.Dns;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Health;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Testing;

/// <summary>Wires a <see cref="QueryHandler"/> the way the host does, with test doubles where asked.</summary>
internal static class TestHandlers
{
    private static readonly IMeterFactory s_meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>Creates a handler over <paramref name="zones"/>.</summary>
    public static QueryHandler Create(
        ZoneStore zones,
        DnsServerOptions? options = null,
        IHealthView? health = null,
        CheckedRRsets? checkedRRsets = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null)
    {
        IOptions<DnsServerOptions> settings = Options.Create(options ?? new DnsServerOptions());
        ILoggerFactory loggers = logs is null ? NullLoggerFactory.Instance : LoggerFactory.Create(builder => builder.AddProvider(logs));
        return new QueryHandler(
            zones,
            new AnswerBuilder(new AddressSelector(health ?? new FixedHealthView(), checkedRRsets ?? new CheckedRRsets())),
            new ErrorReplyBudget(settings, time ?? TimeProvider.System),
            new TransferPolicy(settings),
            new DnsMetrics(s_meters),
            settings,
            time ?? TimeProvider.System,
            loggers.CreateLogger<QueryHandler>());
    }
}
