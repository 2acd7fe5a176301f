namespace TwoPiR.Probe;

/// <summary>How a node is checked.</summary>
public enum CheckKind
{
    /// <summary>An HTTP GET that must answer an accepted status (and, if asked, contain a text).</summary>
    Http = 0,

    /// <summary>A TCP connection that must be accepted.</summary>
    Tcp = 1,
}
