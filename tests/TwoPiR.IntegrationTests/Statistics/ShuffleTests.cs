using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Statistics;

/// <summary>
/// Every response shuffles the RRset afresh, uniformly. One dig process sends all the queries;
/// with <c>+short</c> it prints each answer's records in the order received. The bounds are wide
/// (about six standard deviations) so that a fair shuffle fails them less than once in a million runs.
/// </summary>
[Category("Integration")]
public sealed class ShuffleTests : ServedZonesFixture
{
    private const int Queries = 400;

    [Test, CancelAfter(30_000)]
    public async Task Dig_TwoAddresses_EachOrderComesAboutHalfTheTime(CancellationToken ct)
    {
        Dictionary<string, int> orders = await CountOrdersAsync("twopir.example.com", 2, ct);

        Assert.That(orders.Keys, Is.EquivalentTo(new[] { "192.0.2.10 192.0.2.11", "192.0.2.11 192.0.2.10" }));
        Assert.That(orders.Values, Has.All.InRange(Queries * 35 / 100, Queries * 65 / 100), Describe(orders));
    }

    [Test, CancelAfter(30_000)]
    public async Task Dig_ThreeAddresses_EverySixOrdersCome(CancellationToken ct)
    {
        Dictionary<string, int> orders = await CountOrdersAsync("three.example.com", 3, ct);

        // Each order is expected 1/6 of the time (66.7 of 400, standard deviation 7.5).
        Assert.That(orders, Has.Count.EqualTo(6), Describe(orders));
        Assert.That(orders.Values, Has.All.InRange(Queries * 6 / 100, Queries * 28 / 100), Describe(orders));
    }

    /// <summary>Sends <see cref="Queries"/> queries and counts how often each order of the records came.</summary>
    private async Task<Dictionary<string, int>> CountOrdersAsync(string name, int records, CancellationToken ct)
    {
        string[] lines = await Dig.ShortAsync(Server.Port, string.Join(' ', Enumerable.Repeat($"{name} A", Queries)), ct);

        Assert.That(lines, Has.Length.EqualTo(Queries * records), "every query answered with the whole RRset");
        string[][] answers = lines.Chunk(records).ToArray();
        Assert.That(answers.Select(answer => answer.Distinct().Count()), Has.All.EqualTo(records), "each answer holds every address once");
        return answers.GroupBy(answer => string.Join(' ', answer)).ToDictionary(group => group.Key, group => group.Count());
    }

    private static string Describe(Dictionary<string, int> orders) =>
        string.Join("; ", orders.OrderBy(order => order.Key, StringComparer.Ordinal).Select(order => $"{order.Key}: {order.Value}"));
}
