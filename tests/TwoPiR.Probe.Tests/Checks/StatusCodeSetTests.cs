using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe.Tests.Checks;

public sealed class StatusCodeSetTests
{
    [TestCase("200", new[] { 200 }, new[] { 199, 201, 204 })]
    [TestCase("200,204", new[] { 200, 204 }, new[] { 201, 203, 205 })]
    [TestCase("200-399", new[] { 200, 301, 399 }, new[] { 199, 400, 503 })]
    [TestCase("200,204,300-399", new[] { 200, 204, 300, 302, 399 }, new[] { 201, 299, 400 })]
    [TestCase(" 200 , 300 - 302 ", new[] { 200, 300, 301, 302 }, new[] { 303 })]
    [TestCase("204-204", new[] { 204 }, new[] { 203, 205 })]
    [TestCase("100", new[] { 100 }, new[] { 99, 101 })]
    [TestCase("599", new[] { 599 }, new[] { 598, 600 })]
    [TestCase("100-599", new[] { 100, 200, 599 }, new[] { 0, 99, 600 })]
    [TestCase("300-399,200", new[] { 200, 300, 399 }, new[] { 201, 400 })]
    public void TryParse_ValidList_AcceptsExactlyItsCodes(string text, int[] accepted, int[] rejected)
    {
        bool parsed = StatusCodeSet.TryParse(text, out StatusCodeSet set, out string error);

        Assert.That((parsed, error), Is.EqualTo((true, "")));
        Assert.That(accepted.Select(set.Accepts), Is.All.True);
        Assert.That(rejected.Select(set.Accepts), Is.All.False);
    }

    [TestCase("", "")]
    [TestCase("ok", "ok")]
    [TestCase("99", "99")]
    [TestCase("600", "600")]
    [TestCase("0", "0")]
    [TestCase("1000", "1000")]
    [TestCase("200-", "200-")]
    [TestCase("-200", "-200")]
    [TestCase("399-200", "399-200")]
    [TestCase("200-300-400", "200-300-400")]
    [TestCase("99-200", "99-200")]
    [TestCase("500-600", "500-600")]
    [TestCase("+200", "+200")]
    [TestCase("2OO", "2OO")]
    [TestCase("200,,300", "")]
    [TestCase("200 204", "200 204")]
    [TestCase("200;204", "200;204")]
    [TestCase("0x0C8", "0x0C8")]
    [TestCase("200,abc", "abc")]
    public void TryParse_InvalidList_ReturnsFalseNamingThePart(string text, string part)
    {
        bool parsed = StatusCodeSet.TryParse(text, out _, out string error);

        Assert.That(parsed, Is.False);
        Assert.That(error, Is.EqualTo($"'{part}' is not a status code (100-599) or a range such as 200-399"));
    }

    [TestCase(int.MinValue)]
    [TestCase(-1)]
    [TestCase(0)]
    [TestCase(99)]
    [TestCase(600)]
    [TestCase(int.MaxValue)]
    public void Accepts_CodeOutsideHttp_FalseWithoutThrowing(int status)
    {
        StatusCodeSet set = Parse("100-599");

        Assert.That(set.Accepts(status), Is.False);
    }

    [TestCase("200-399", "200-299,300-399", true)]
    [TestCase("200,201,202", "200-202", true)]
    [TestCase("200", "200-201", false)]
    [TestCase("200", "201", false)]
    public void Equals_SameCodesWrittenDifferently_ComparesTheCodes(string left, string right, bool equal)
    {
        StatusCodeSet a = Parse(left);
        StatusCodeSet b = Parse(right);

        Assert.That(a.Equals(b), Is.EqualTo(equal));
    }

    [Test]
    public void GetHashCode_EqualSets_Equal()
    {
        StatusCodeSet a = Parse("200-399");
        StatusCodeSet b = Parse("200-299, 300-399");

        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void ToString_Parsed_IsTheTextAsWritten()
    {
        StatusCodeSet set = Parse("200, 300-399");

        Assert.That(set.ToString(), Is.EqualTo("200, 300-399"));
    }

    internal static StatusCodeSet Parse(string text)
    {
        Assert.That(StatusCodeSet.TryParse(text, out StatusCodeSet set, out string error), Is.True, error);
        return set;
    }
}
