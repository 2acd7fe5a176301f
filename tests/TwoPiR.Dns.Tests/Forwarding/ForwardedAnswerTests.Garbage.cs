using TwoPiR.Dns.Forwarding;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Tests.Forwarding;

/// <summary>STYLE.md §8: seeded garbage through TryRead and WriteReply, which never throw and relay whole answers or none.</summary>
public sealed partial class ForwardedAnswerTests
{
    [Test]
    public void TryRead_TenThousandMutatedReplies_NeverThrowsAndRelaysFitTheClient()
    {
        Random random = new(20260601);
        byte[][] seeds =
        [
            UpstreamReplies.Positive(),
            UpstreamReplies.Negative(UpstreamReplies.NameError, 900, 60),
            [.. UpstreamReplies.Header(UpstreamReplies.NoError, 1, 1, 0), .. UpstreamReplies.Question(), .. UpstreamReplies.Alias(300), .. UpstreamReplies.Soa(900, 60)],
        ];
        byte[] client = ClientQuery("WwW.eXaMpLe.OrG", ednsPayload: 1232, dnssecOk: true);
        int accepted = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] reply = Mutate(seeds[i % seeds.Length], random);
            if (Read(reply, out ForwardedAnswer? answer) != UpstreamReply.Accepted)
            {
                continue;
            }

            accepted++;
            byte[] relayed = WriteReply(answer!, client, limit: 600, ageSeconds: (uint)random.Next(0, 1000));

            // Whole (the records and our OPT after the client's question), or empty with TC: never part of it.
            bool fits = answer!.Size + DnsWriter.OptSize <= 600;
            Assert.That(relayed, Has.Length.EqualTo(fits ? answer.Size + DnsWriter.OptSize : UpstreamReplies.RecordsOffset + DnsWriter.OptSize), () => Convert.ToHexString(reply));
            Assert.That((relayed[2] & 0x02) != 0, Is.EqualTo(!fits), () => $"TC in the relay of {Convert.ToHexString(reply)}");
        }

        Assert.That(accepted, Is.GreaterThan(1_000), "most mutations keep the ID and the question");
    }

    /// <summary>One to four octets after the ID changed, and now and then the end cut off or garbage added.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] reply = [.. seed];
        for (int changes = random.Next(1, 5); changes > 0; changes--)
        {
            reply[random.Next(2, reply.Length)] = (byte)random.Next(256);
        }

        return random.Next(10) switch
        {
            0 => reply[..random.Next(reply.Length)],
            1 => [.. reply, .. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256))],
            _ => reply,
        };
    }
}
