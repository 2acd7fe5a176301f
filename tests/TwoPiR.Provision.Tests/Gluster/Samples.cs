namespace TwoPiR.Provision.Tests.Gluster;

/// <summary>The real gluster replies of Samples/ (see its README), copied next to the tests.</summary>
internal static class Samples
{
    /// <summary>The text of <paramref name="name"/>, byte for byte as gluster printed it.</summary>
    public static string Read(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", name));
}
