using System.Net;
using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Tests.Checks;

public sealed class CheckPlanTests
{
    private const string Name = "twopir.example.com";

    [Test]
    public void From_NoHost_HostIsTheName()
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions());

        Assert.That(plan.Host, Is.EqualTo(Name));
    }

    [TestCase("")]
    [TestCase(null)]
    public void From_EmptyHost_HostIsTheName(string? host)
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions { Host = host });

        Assert.That(plan.Host, Is.EqualTo(Name));
    }

    [Test]
    public void From_Host_SendsThatHost()
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions { Host = "www.twopir.example.com" });

        Assert.That(plan.Host, Is.EqualTo("www.twopir.example.com"));
    }

    [Test]
    public void From_Defaults_CarriesEverySetting()
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions());
        StatusCodeSet status = StatusCodeSetTests.Parse("200-399");

        Assert.That(plan, Is.EqualTo(new CheckPlan(
            CheckKind.Http, 80, "/", Name, status, null,
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), Retries: 1, Fall: 2, Rise: 2, TimeSpan.FromMilliseconds(200))));
    }

    [Test]
    public void From_EmptyBodyContains_SearchesNothing()
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions { BodyContains = "" });

        Assert.That(plan.BodyContains, Is.Null);
    }

    [Test]
    public void From_BadStatus_ThrowsNamingThePart()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => CheckPlan.From(Name, new NameCheckOptions { Status = "200-" }))!;

        Assert.That(ex.Message, Does.StartWith("'200-' is not a status code"));
    }

    [Test]
    public void Equals_SameSettingsTwice_EqualPlans()
    {
        CheckPlan first = CheckPlan.From(Name, new NameCheckOptions { Status = "200-299,300-399" });
        CheckPlan second = CheckPlan.From(Name, new NameCheckOptions { Status = "200-399" });

        Assert.That(first, Is.EqualTo(second), "a zone reload must not restart a probe whose check did not change");
    }

    // RoundLimit = Timeout × (Retries + 1) + 100 ms × Retries, but never beyond the interval.
    [TestCase(2000, 1000, 1, 2000)] // the defaults: 2100 ms of attempts, cut to the interval
    [TestCase(5000, 1000, 1, 2100)]
    [TestCase(5000, 1000, 0, 1000)]
    [TestCase(10000, 1000, 3, 4300)]
    [TestCase(1000, 1000, 0, 1000)]
    [TestCase(1000, 250, 2, 950)]
    [TestCase(1000, 300, 2, 1000)]
    public void RoundLimit_Settings_EveryAttemptTimingOutCappedAtTheInterval(int intervalMs, int timeoutMs, int retries, int expectedMs)
    {
        CheckPlan plan = Plan(intervalMs, timeoutMs, retries, fall: 2, jitterMs: 0);

        Assert.That(plan.RoundLimit, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    // WorstCaseDetection = Interval × Fall + Jitter + RoundLimit.
    [TestCase(2000, 1000, 1, 2, 200, 6600)] // the defaults: a round that times out plus jitter overruns the interval
    [TestCase(5000, 1000, 1, 3, 0, 17100)]
    [TestCase(1000, 500, 0, 1, 100, 1600)]
    [TestCase(100, 100, 0, 1, 0, 200)]
    [TestCase(60000, 2000, 5, 10, 30000, 642500)]
    public void WorstCaseDetection_Settings_FallIntervalsJitterAndOneRound(int intervalMs, int timeoutMs, int retries, int fall, int jitterMs, int expectedMs)
    {
        CheckPlan plan = Plan(intervalMs, timeoutMs, retries, fall, jitterMs);

        Assert.That(plan.WorstCaseDetection, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    [Test]
    public void Describe_Http_NamesUrlHostStatusAndText()
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions { Port = 8080, Path = "/health", Status = "200,204", BodyContains = "ok" });

        Assert.That(plan.Describe(IPAddress.Parse("127.0.0.2")), Is.EqualTo("HTTP GET http://127.0.0.2:8080/health Host twopir.example.com, status 200,204, body has 'ok'"));
        Assert.That(plan.DescribeForAnyAddress(), Is.EqualTo("HTTP GET http://{address}:8080/health Host twopir.example.com, status 200,204, body has 'ok'"));
    }

    [Test]
    public void Describe_Tcp_NamesTheEndpoint()
    {
        CheckPlan plan = CheckPlan.From(Name, new NameCheckOptions { Check = CheckKind.Tcp, Port = 22 });

        Assert.That(plan.Describe(IPAddress.Parse("127.0.0.2")), Is.EqualTo("TCP connect to 127.0.0.2:22"));
        Assert.That(plan.DescribeForAnyAddress(), Is.EqualTo("TCP connect to {address}:22"));
    }

    private static CheckPlan Plan(int intervalMs, int timeoutMs, int retries, int fall, int jitterMs) => CheckPlan.From(Name, new NameCheckOptions
    {
        Interval = TimeSpan.FromMilliseconds(intervalMs),
        Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        Retries = retries,
        Fall = fall,
        Jitter = TimeSpan.FromMilliseconds(jitterMs),
    });
}
