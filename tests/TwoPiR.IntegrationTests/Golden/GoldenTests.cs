using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Golden;

/// <summary>
/// dig's full output for answers whose every byte is fixed (no shuffled RRsets), compared with the
/// golden files next to this class after the message ID is stripped. A change here is a change
/// clients see: review the new output before updating a file.
/// </summary>
[Category("Integration")]
public sealed class GoldenTests : ServedZonesFixture
{
    [TestCase("nxdomain", "nope.example.com A")]
    [TestCase("nodata", "twopir.example.com TXT")]
    [TestCase("refused", "www.example.org A")]
    [TestCase("badvers", "+edns=1 +noednsneg twopir.example.com A")]
    [TestCase("tc-bufsize-512", "+bufsize=512 +ignore +notcp big.example.com TXT")]
    [TestCase("tc-bufsize-100", "+bufsize=100 +ignore +notcp big.example.com TXT")]
    [TestCase("fits-bufsize-100", "+bufsize=100 +ignore +notcp medium.example.com TXT")]
    [TestCase("tc-noedns", "+noedns +ignore +notcp big.example.com TXT")]
    [CancelAfter(10_000)]
    public async Task Dig_KeyAnswer_MatchesGoldenFile(string golden, string query, CancellationToken ct)
    {
        string expected = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "Golden", golden + ".txt"), ct);

        DigOutput output = await Dig.RunAsync(Server.Port, query, ct);

        Assert.That(output.Normalized(), Is.EqualTo(expected));
    }
}
