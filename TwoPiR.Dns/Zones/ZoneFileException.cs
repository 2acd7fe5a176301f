namespace TwoPiR.Dns.Zones;

/// <summary>A zone file that cannot be loaded, with the place of the problem.</summary>
public sealed class ZoneFileException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="file"/>:<paramref name="line"/>:<paramref name="column"/>.</summary>
    /// <param name="file">The file as the operator knows it.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="problem">What is wrong, without the place.</param>
    public ZoneFileException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file as the operator knows it.</summary>
    public string File { get; }

    /// <summary>The 1-based line.</summary>
    public int Line { get; }

    /// <summary>The 1-based column.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }

    internal ZoneFileException(SourcePosition position, string problem)
        : this(position.File, position.Line, position.Column, problem)
    {
    }
}
