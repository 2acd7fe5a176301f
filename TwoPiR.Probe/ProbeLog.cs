using System.Net;
using Microsoft.Extensions.Logging;

namespace TwoPiR.Probe;

/// <summary>Everything the prober logs; event ids 2000–2999.</summary>
internal static partial class ProbeLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Probing {Addresses} addresses for {Names} health-checked names")]
    public static partial void Probing(ILogger logger, int addresses, int names);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Name}: {Check} every {Interval}s; down after {Fall} failed rounds, up after {Rise} passed; a dead node is detected within {Detection}s")]
    public static partial void NameChecked(ILogger logger, string name, string check, double interval, int fall, int rise, double detection);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "{Address} is DOWN for {Names}: {Rounds} failed checks in a row, last: {Detail}")]
    public static partial void NodeDown(ILogger logger, IPAddress address, string names, int rounds, string detail);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Address} is UP for {Names}: {Rounds} passed checks in a row, last: {Detail}")]
    public static partial void NodeUp(ILogger logger, IPAddress address, string names, int rounds, string detail);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Probing {Address} for {Names}, starting {State}")]
    public static partial void AddressAdded(ILogger logger, IPAddress address, string names, HealthState state);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Stopped probing {Address}: no checked name holds it any more")]
    public static partial void AddressRemoved(ILogger logger, IPAddress address);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "{Name} is health-checked but has no A or AAAA records in a loaded zone")]
    public static partial void NameWithoutAddresses(ILogger logger, string name);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "{Address} belongs to {Names}, whose checks differ; one probe per address, so it is checked as for {Chosen}")]
    public static partial void SharedAddressChecks(ILogger logger, IPAddress address, string names, string chosen);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "{Address} drained: left out of answers until undrained")]
    public static partial void Drained(ILogger logger, IPAddress address);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "{Address} undrained: served again while {State}")]
    public static partial void Undrained(ILogger logger, IPAddress address, HealthState state);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Restored {States} node states and {Drains} drains from {File}")]
    public static partial void StateRestored(ILogger logger, int states, int drains, string file);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "State file {File} not read ({Reason}); every node starts Unknown")]
    public static partial void StateFileUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "State file {File} not saved: {Reason}")]
    public static partial void StateFileNotSaved(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Status page on http://{Endpoint}/ (JSON at /status, Prometheus at /metrics)")]
    public static partial void StatusListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Status endpoint {Endpoint} is not on loopback: whoever reaches it can drain nodes")]
    public static partial void StatusNotLoopback(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Error, Message = "Probing {Address} failed; it keeps its last state until probing resumes")]
    public static partial void ProbeLoopFailed(ILogger logger, IPAddress address, Exception exception);
}
