using Spectre.Console;
using TwoPiR.Provision.Running;
using TwoPiR.Provision.Steps;

namespace TwoPiR.Provision.Cli;

/// <summary>Prints each step's outcome as it finishes, so a long apply shows progress on a terminal and in a log alike.</summary>
internal sealed class ConsoleObserver(IAnsiConsole console) : IRunObserver
{
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public void StepStarted(string target, string step)
    {
    }

    /// <inheritdoc/>
    public void StepFinished(StepResult result)
    {
        lock (_lock)
        {
            console.MarkupLine($"  {Styled(result.Outcome)} {Markup.Escape(result.Target.PadRight(14))} {Markup.Escape(result.Step.PadRight(18))} [grey]{result.Elapsed.TotalSeconds:0.00} s[/]");
            if (result.Detail.Length > 0)
            {
                console.MarkupLineInterpolated($"      [red]{result.Detail}[/]");
            }
        }
    }

    /// <inheritdoc/>
    public void Note(string message)
    {
        lock (_lock)
        {
            console.MarkupLineInterpolated($"  [yellow]note[/] {message}");
        }
    }

    /// <summary>The outcome's word, coloured: ok green, changed yellow, failed red.</summary>
    public static string Styled(StepOutcome outcome)
    {
        string word = outcome.ToString().ToLowerInvariant().PadRight(7);
        return outcome switch
        {
            StepOutcome.Ok => $"[green]{word}[/]",
            StepOutcome.Changed => $"[yellow]{word}[/]",
            _ => $"[red]{word}[/]",
        };
    }
}
