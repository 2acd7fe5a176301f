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
        (IReadOnlyList<IPAddress> current, _) = Read(context);
        HashSet<IPAddress> wanted = [.. Wanted(context)];
        return Task.FromResult(current.Count == wanted.Count && wanted.SetEquals(current));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<RemoteCommand> Commands(StepContext context) => [];

    /// <inheritdoc/>
    public override IEnumerable<string> Describe(StepContext context)
    {
        SiteRecords records = Records(context);
        return [$"in {context.Cluster.Zone.File}: {records.Owner} gets {string.Join(", ", Wanted(context).Select(address => $"{Type(address)} {address}"))}, "
            + "other records untouched, SOA serial bumped"];
    }

    /// <inheritdoc/>
    public override Task ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            DateOnly today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
            uint serial = Records(context).Write(Wanted(context), context.Cluster.Zone.Ttl, today);
            context.Note($"{context.Cluster.Zone.File}: serial is now {serial}; a running twopir-dns picks the change up at its next reload");
        }
        catch (Exception ex) when (ex is ZoneFileException or IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(ex.Message, ex);
        }

        return Task.CompletedTask;
    }

    private static (IReadOnlyList<IPAddress>, uint) Read(StepContext context)
    {
        try
        {
            return Records(context).Read();
        }
        catch (Exception ex) when (ex is ZoneFileException or IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(ex.Message, ex);
        }
    }

    private static SiteRecords Records(StepContext context)
    {
        try
        {
            return new SiteRecords(context.Cluster.Zone.File, context.Cluster.Zone.RecordName);
        }
        catch (ZoneFileException ex)
        {
            throw new StepFailedException(ex.Message, ex);
        }
    }

    private static IPAddress[] Wanted(StepContext context) => [.. context.Cluster.WebNodes.Select(node => node.Address)];

    private static string Type(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "AAAA" : "A";
}
