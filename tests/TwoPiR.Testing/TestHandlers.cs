using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TwoPiR.Dns;
using TwoPiR.Dns.Answers;
using TwoPiR.Dns.Zones;
using TwoPiR.Probe;

namespace TwoPiR.Testing;

/// <summary>Wires a <see cref="QueryHandler"/> the way the host does, with test doubles where asked.</summary>
internal static class TestHandlers
{
    /// <summary>Creates a handler over <paramref name="zones"/>.</summary>
    public static QueryHandler Create(
        ZoneStore zones,
        DnsServerOptions? options = null,
        IHealthView? health = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null)
    {
        IOptions<DnsServerOptions> settings = Options.Create(options ?? new DnsServerOptions());
        ILoggerFactory loggers = logs is null ? NullLoggerFactory.Instance : LoggerFactory.Create(builder => builder.AddProvider(logs));
        return new QueryHandler(
            zones,
            new AnswerBuilder(new AddressSelector(health ?? new FixedHealthView())),
            new ErrorReplyBudget(settings, time ?? TimeProvider.System),
            new TransferPolicy(settings),
            settings,
            time ?? TimeProvider.System,
            loggers.CreateLogger<QueryHandler>());
    }
}
