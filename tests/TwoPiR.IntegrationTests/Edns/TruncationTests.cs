using TwoPiR.IntegrationTests.Tools;

namespace TwoPiR.IntegrationTests.Edns;

/// <summary>
/// UDP size limits: 512 without EDNS (RFC 1035 §4.2.1), the requester's payload size with it, but
/// never below 512 nor above the 1232 advertised (RFC 6891 §6.2.5). An answer that does not fit
/// drops whole RRsets and sets TC; TCP carries it whole. With <c>+ignore</c> dig shows the truncated reply.
/// The responses: medium TXT about 300 octets, big TXT (4 records) about 820, huge TXT (8 records) about 1600.
/// </summary>
[Category("Integration")]
public sealed class TruncationTests : ServedZonesFixture
{
    [TestCase("+bufsize=512 big.example.com TXT")]
    [TestCase("+noedns big.example.com TXT")]
    [TestCase("+bufsize=100 big.example.com TXT")]
    [TestCase("huge.example.com TXT")]
    [TestCase("+bufsize=1232 huge.example.com TXT")]
    [TestCase("+bufsize=4096 huge.example.com TXT")]
    [TestCase("+bufsize=65535 huge.example.com TXT")]
    [CancelAfter(10_000)]
    public async Task Dig_AnswerLargerThanTheLimit_SetsTcAndDropsTheWholeRRset(string query, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"+ignore +notcp {query}", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("tc"), Is.True);
            Assert.That(response.HasFlag("aa"), Is.True);
            Assert.That(response.Question, Has.Count.EqualTo(1));
            Assert.That(response.AnswerCount, Is.Zero, "an RRset is sent whole or not at all");
            Assert.That(response.Answer, Is.Empty);
        }
    }

    [TestCase("big.example.com TXT", 4)]
    [TestCase("+bufsize=1232 big.example.com TXT", 4)]
    [TestCase("+bufsize=100 medium.example.com TXT", 1)]
    [TestCase("+noedns medium.example.com TXT", 1)]
    [TestCase("+tcp huge.example.com TXT", 8)]
    [TestCase("+tcp +noedns huge.example.com TXT", 8)]
    [TestCase("+tcp +bufsize=512 huge.example.com TXT", 8)]
    [CancelAfter(10_000)]
    public async Task Dig_AnswerWithinTheLimit_IsWhole(string query, int records, CancellationToken ct)
    {
        DigMessage response = await Dig.QueryAsync(Server.Port, $"+ignore {query}", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Status, Is.EqualTo("NOERROR"));
            Assert.That(response.HasFlag("tc"), Is.False);
            Assert.That(response.Answer, Has.Count.EqualTo(records));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_TruncatedOverUdp_GetsTheWholeAnswerOverTcp(CancellationToken ct)
    {
        // Without +ignore, dig notes the TC reply and prints only the TCP answer that follows.
        DigOutput output = await Dig.RunAsync(Server.Port, "huge.example.com TXT", ct);

        Assert.That(output.Messages, Has.Count.EqualTo(1), output.Text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.Text, Does.Contain(";; Truncated, retrying in TCP mode."));
            Assert.That(output.Messages[0].HasFlag("tc"), Is.False);
            Assert.That(output.Messages[0].Answer.Select(record => record.Data[..20]), Is.EquivalentTo(
                Enumerable.Range(1, 8).Select(i => $"\"huge record {i} of 8 ")));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_AliasToOversizedRRset_KeepsTheAliasAndDropsTheWholeTarget(CancellationToken ct)
    {
        DigMessage udp = await Dig.QueryAsync(Server.Port, "+ignore +notcp toobig.example.com TXT", ct);
        DigMessage tcp = await Dig.QueryAsync(Server.Port, "+tcp toobig.example.com TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(udp.HasFlag("tc"), Is.True);
            Assert.That(udp.Answer, Is.EqualTo(new[] { new DigRecord("toobig.example.com.", 3600, "IN", "CNAME", "huge.example.com.") }));
            Assert.That(tcp.HasFlag("tc"), Is.False);
            Assert.That(tcp.Answer.Select(record => record.Type), Is.EqualTo(new[] { "CNAME" }.Concat(Enumerable.Repeat("TXT", 8))));
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task Dig_BufsizeExactlyTheResponseSize_Fits(CancellationToken ct)
    {
        DigOutput whole = await Dig.RunAsync(Server.Port, "+tcp +stats big.example.com TXT", ct);
        int size = whole.MessageSize ?? throw new AssertionException($"dig printed no MSG SIZE:\n{whole.Text}");
        Assert.That(size, Is.InRange(513, 1232), "big.example.com TXT must need more than 512 octets and fit in 1232");

        DigMessage fits = await Dig.QueryAsync(Server.Port, $"+ignore +notcp +bufsize={size} big.example.com TXT", ct);
        DigMessage tooSmall = await Dig.QueryAsync(Server.Port, $"+ignore +notcp +bufsize={size - 1} big.example.com TXT", ct);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fits.HasFlag("tc"), Is.False);
            Assert.That(fits.Answer, Has.Count.EqualTo(4));
            Assert.That(tooSmall.HasFlag("tc"), Is.True);
            Assert.That(tooSmall.Answer, Is.Empty);
        }
    }
}
