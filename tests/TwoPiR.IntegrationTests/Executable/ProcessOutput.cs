using NUnit.Framework.Constraints;

namespace TwoPiR.IntegrationTests.Executable;

/// <summary>Constraints on what the program prints.</summary>
internal static class ProcessOutput
{
    /// <summary>
    /// No exception leaks to the operator: no type name ending in Exception and no stack frame, whether printed
    /// over several lines ("\n   at X.Y()") or folded by the single-line console logger ("    at X.Y()").
    /// </summary>
    public static IResolveConstraint WithoutStackTrace => Does.Not.Contain("Exception").And.Not.Contain("   at ");
}
