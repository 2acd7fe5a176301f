using System.Net;
using TwoPiR.Dns.Zones;
using TwoPiR.Provision.Ssh;
using TwoPiR.Provision.Zones;

namespace TwoPiR.Provision.Steps;

/// <summary>Gives the site's name one address record per web node in the zone file, bumping the SOA serial when it changes.</summary>
internal sealed class ZoneStep : Step
{
    /// <inheritdoc/>
    public override string Name => "zone";

    /// <inheritdoc/>
    public override StepScope Scope => StepScope.Local;

    /// <inheritdoc/>
    public override Task<bool> IsSatisfiedAsync(StepContext context, CancellationToken cancellationToken)
    {
        (IReadOnlyList<IPAddress> current, _) = Guarded(() => Records(context).Read());
        HashSet<IPAddress> wanted = [.. Wanted(context)];
        return Task.FromResult(current.Count == wanted.Count && wanted.SetEquals(current));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [];

    /// <inheritdoc/>
    public override IEnumerable<string> Describe(StepContext context)
    {
        SiteRecords records = Guarded(() => Records(context));
        return [$"in {context.Cluster.Zone.File}: {records.Owner} gets {string.Join(", ", Wanted(context).Select(address => $"{SiteRecords.TypeOf(address)} {address}"))}, "
            + "other records untouched, SOA serial bumped"];
    }

    /// <inheritdoc/>
    public override Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        DateOnly today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        uint serial = Guarded(() => Records(context).Write(Wanted(context), context.Cluster.Zone.Ttl, today));
        context.Note($"{context.Cluster.Zone.File}: serial is now {serial}; a running twopir-dns picks the change up at its next reload");
        return Task.CompletedTask;
    }

    private static SiteRecords Records(StepContext context) => new(context.Cluster.Zone.File, context.Cluster.Zone.RecordName);

    // A zone file that cannot be read or edited fails the step with the parser's file:line message.
    private static T Guarded<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is ZoneFileException or IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(ex.Message, ex);
        }
    }

    private static IPAddress[] Wanted(StepContext context) => [.. context.Cluster.WebNodes.Select(node => node.Address)];

}
