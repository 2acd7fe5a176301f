using TwoPiR.Provision.Gluster;

namespace TwoPiR.Provision.Tests.Gluster;

[TestFixture]
public sealed class GlusterReplyTests
{
    [TestCase("volume-info-gv0-missing.xml", "Volume does not exist")]
    [TestCase("peer-probe-nosuchhost.xml", "Probe returned with Transport endpoint is not connected")]
    [TestCase("volume-status-gv0-not-started.xml", "Volume gv0 is not started")]
    [TestCase("volume-create-root-partition.xml", "The brick pi1:/srv/gluster/brick is being created in the root partition. It is recommended that you don't use the system's root partition for storage backend. Or use 'force' at the end of the command if you want to override this behavior.")]
    public void Parse_RealFailure_OpRetMinusOneWithGlusterdsReason(string sample, string reason)
    {
        GlusterReply reply = GlusterReply.Parse(Samples.Read(sample), "");

        Assert.That((reply.OpRet, reply.Succeeded, reply.Error), Is.EqualTo((-1, false, reason)));
    }

    [TestCase("volume-info-gv0-missing.xml", "Volume does not exist")]
    [TestCase("volume-status-gv0-not-started.xml", "Volume gv0 is not started")]
    public void EnsureSucceeded_RealFailure_ThrowsWithGlusterdsReason(string sample, string reason)
    {
        GlusterReply reply = GlusterReply.Parse(Samples.Read(sample), "");

        Assert.That(() => reply.EnsureSucceeded(), Throws.TypeOf<GlusterException>().With.Message.EqualTo(reason));
    }

    [TestCase("pool-list.xml")]
    [TestCase("peer-probe-again.xml")]
    [TestCase("volume-create-force.xml")]
    [TestCase("volume-start-gv0.xml")]
    [TestCase("volume-set-ping-timeout.xml")]
    [TestCase("volume-info-all-none.xml")]
    [TestCase("volume-heal-info.xml")]
    [TestCase("volume-heal-info-split-brain.xml")]
    public void Parse_RealSuccess_SucceededWithoutError(string sample)
    {
        GlusterReply reply = GlusterReply.Parse(Samples.Read(sample), "");

        Assert.That((reply.OpRet, reply.Succeeded, reply.Error), Is.EqualTo((0, true, "")));
        Assert.That(reply.EnsureSucceeded(), Is.SameAs(reply));
    }

    [Test]
    public void Parse_NoOpRet_CountsAsFailure()
    {
        GlusterReply reply = GlusterReply.Parse("<cliOutput><opErrstr/></cliOutput>", "");

        Assert.That(reply.Succeeded, Is.False);
        Assert.That(() => reply.EnsureSucceeded(), Throws.TypeOf<GlusterException>().With.Message.EqualTo("failed with opRet -1"));
    }

    [Test]
    public void Parse_NoiseBeforeXml_Skipped()
    {
        GlusterReply reply = GlusterReply.Parse("Welcome to gluster\n" + Samples.Read("volume-start-gv0.xml")[38..], "");

        Assert.That(reply.Succeeded, Is.True);
    }

    [Test]
    public void Parse_NotXml_ThrowsWithWhatGlusterSaid()
    {
        Assert.That(() => GlusterReply.Parse("Connection failed. Please check if gluster daemon is operational.\n", ""),
            Throws.TypeOf<GlusterException>().With.Message.EqualTo("Connection failed. Please check if gluster daemon is operational."));
    }

    [Test]
    public void Parse_NotXml_StandardErrorComesFirst()
    {
        Assert.That(() => GlusterReply.Parse("out", "sh: 1: gluster: not found"),
            Throws.TypeOf<GlusterException>().With.Message.EqualTo("sh: 1: gluster: not found out"));
    }

    [Test]
    public void Parse_Nothing_SaysGlusterPrintedNothing()
    {
        Assert.That(() => GlusterReply.Parse("", " \n"), Throws.TypeOf<GlusterException>().With.Message.EqualTo("gluster printed nothing"));
    }

    [TestCase("<cliOutput><opRet>0</opRet>")]
    [TestCase("<cliOutput><opRet>0</oops></cliOutput>")]
    [TestCase("<cliOutput>\0</cliOutput>")]
    public void Parse_GarbageXml_ThrowsGlusterException(string output)
    {
        Assert.That(() => GlusterReply.Parse(output, ""), Throws.TypeOf<GlusterException>().With.Message.StartsWith("gluster printed XML we cannot read: "));
    }

    [Test]
    public void Parse_TruncatedRealReply_ThrowsGlusterException()
    {
        string text = Samples.Read("volume-info-gv0.xml");

        Assert.That(() => GlusterReply.Parse(text[..(text.Length / 2)], ""), Throws.TypeOf<GlusterException>());
    }

    [Test]
    public void Parse_SeededGarbage_OnlyGlusterExceptionOrAReply()
    {
        Random random = new(20_240_601);
        List<string> unexpected = [];
        string real = Samples.Read("volume-status-gv0.xml");
        for (int i = 0; i < 2_000; i++)
        {
            char[] text = real.ToCharArray();
            for (int flips = random.Next(1, 8); flips > 0; flips--)
            {
                text[random.Next(text.Length)] = (char)random.Next(0, 128);
            }

            try
            {
                GlusterReply.Parse(new string(text), "");
            }
            catch (GlusterException)
            {
                // the one exception a caller expects
            }
            catch (Exception ex) when (ex is not GlusterException)
            {
                unexpected.Add(ex.GetType().Name + ": " + ex.Message);
            }
        }

        Assert.That(unexpected, Is.Empty);
    }
}
