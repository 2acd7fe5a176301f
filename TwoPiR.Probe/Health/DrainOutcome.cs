namespace TwoPiR.Probe.Health;

/// <summary>What a drain or undrain request did.</summary>
internal enum DrainOutcome
{
    /// <summary>The address changed.</summary>
    Changed,

    /// <summary>The address was already so.</summary>
    Unchanged,

    /// <summary>No checked name holds the address: most likely a typo.</summary>
    UnknownAddress,

    /// <summary>Draining would leave a name with no address to serve; needs force.</summary>
    LastAddress,
}
