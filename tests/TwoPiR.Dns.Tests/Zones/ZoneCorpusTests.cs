using System.Text.RegularExpressions;
using TwoPiR.Dns.Zones;
using TwoPiR.Testing;

namespace TwoPiR.Dns.Tests.Zones;

/// <summary>
/// Holds our parser to BIND over the corpus (Corpus/README.md): the real <c>named-checkzone</c> must
/// still give each file its recorded verdict, we must give the same verdict, and for accepted files we
/// must load exactly the records of BIND's own canonical dump.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed partial class ZoneCorpusTests
{
    private static readonly string s_corpus = Path.Combine(AppContext.BaseDirectory, "Zones", "Corpus");
    private static readonly string s_accepted = Path.Combine(s_corpus, "accepted");
    private static readonly string s_rejected = Path.Combine(s_corpus, "rejected");

    public static IEnumerable<string> AcceptedFiles() => ZoneFilesIn(s_accepted);

    public static IEnumerable<string> RejectedFiles() => ZoneFilesIn(s_rejected);

    [OneTimeSetUp]
    public void RequireNamedCheckzone()
    {
        if (NamedCheckzone.Executable is null)
        {
            Assert.Fail("install named-checkzone (bind9-utils)");
        }
    }

    [Test]
    public void Corpus_FileCounts_MatchTheReadme()
    {
        string readme = File.ReadAllText(Path.Combine(s_corpus, "README.md"));

        Assert.That(AcceptedFiles().Count(), Is.EqualTo(ReadmeCount(readme, "accepted/NAME.zone")));
        Assert.That(RejectedFiles().Count(), Is.EqualTo(ReadmeCount(readme, "rejected/NAME.zone")));
    }

    [TestCaseSource(nameof(AcceptedFiles))]
    [CancelAfter(30_000)]
    public async Task AcceptedFile_NamedCheckzone_Accepts(string file, CancellationToken cancellationToken)
    {
        NamedCheckzone.Result bind = await NamedCheckzone.CheckAsync(s_accepted, file, cancellationToken);

        Assert.That(bind.ExitCode, Is.Zero, bind.Output + bind.Error);
    }

    [TestCaseSource(nameof(AcceptedFiles))]
    public void AcceptedFile_Load_Succeeds(string file)
    {
        Zone zone = LoadAsExampleCom(s_accepted, file);

        Assert.That(zone.Name, Is.EqualTo("example.com."));
    }

    [TestCaseSource(nameof(AcceptedFiles))]
    [CancelAfter(30_000)]
    public async Task AcceptedFile_Load_GivesTheRecordsOfBindsDump(string file, CancellationToken cancellationToken)
    {
        NamedCheckzone.Result dump = await NamedCheckzone.DumpAsync(s_accepted, file, cancellationToken);
        Assert.That(dump.ExitCode, Is.Zero, dump.Error);
        using TempDirectory zones = new();
        zones.Write("example.com.zone", dump.Output);

        List<CorpusRecord> ours = CorpusRecord.All(LoadAsExampleCom(s_accepted, file));
        List<CorpusRecord> bind = CorpusRecord.All(ZoneFile.Load(zones.Path, "example.com.zone", []).Zone);

        Assert.That(bind, Is.Not.Empty);
        Assert.That(CorpusRecord.Unmatched(bind, ours), Is.Empty, "records in BIND's dump that we did not load");
        Assert.That(CorpusRecord.Unmatched(ours, bind), Is.Empty, "records we loaded that are not in BIND's dump");
        Assert.That(ours, Has.Count.EqualTo(bind.Count));
    }

    [TestCaseSource(nameof(RejectedFiles))]
    [CancelAfter(30_000)]
    public async Task RejectedFile_NamedCheckzone_Rejects(string file, CancellationToken cancellationToken)
    {
        NamedCheckzone.Result bind = await NamedCheckzone.CheckAsync(s_rejected, file, cancellationToken);

        Assert.That(bind.ExitCode, Is.Not.Zero, bind.Output + bind.Error);
    }

    [TestCaseSource(nameof(RejectedFiles))]
    public void RejectedFile_Load_ThrowsNamingFileLineAndColumn(string file)
    {
        ZoneFileException ex = Assert.Throws<ZoneFileException>(() => LoadAsExampleCom(s_rejected, file))!;

        // The problem may sit in a file the zone includes (include-recursive.inc), always beside it.
        Assert.That(Path.GetDirectoryName(ex.File), Is.EqualTo(s_rejected));
        Assert.That(Path.GetFileName(ex.File), Does.StartWith(Path.GetFileNameWithoutExtension(file)));
        Assert.That(ex.Line, Is.InRange(1, File.ReadAllLines(ex.File).Length));
        Assert.That(ex.Column, Is.GreaterThanOrEqualTo(1));
        Assert.That(ex.Message, Does.StartWith($"{ex.File}:{ex.Line}:{ex.Column}: "));
        Assert.That(ex.Message, Does.Match(PlacePrefix()));
    }

    /// <summary>Loads a corpus file as zone example.com., as <see cref="ZoneFile.Load"/> does for ORIGIN.zone.</summary>
    private static Zone LoadAsExampleCom(string directory, string file)
    {
        byte[] origin = WireName.Of("example.com.");
        ZoneFileParser parser = new(directory, directory, origin);
        parser.Parse(file);
        ZoneBuilder builder = new(origin, Path.Combine(directory, file), [.. parser.Warnings]);
        foreach (ZoneRecord record in parser.Records)
        {
            builder.Add(record);
        }

        return builder.Build();
    }

    private static IEnumerable<string> ZoneFilesIn(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.zone").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];

    private static int ReadmeCount(string readme, string path)
    {
        Match match = Regex.Match(readme, $@"`{Regex.Escape(path)}` \| (\d+) files");
        Assert.That(match.Success, Is.True, $"README.md has no count for {path}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^/.+:\d+:\d+: \S")]
    private static partial Regex PlacePrefix();
}
