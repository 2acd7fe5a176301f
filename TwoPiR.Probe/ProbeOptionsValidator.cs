using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TwoPiR.Probe.Checks;

namespace TwoPiR.Probe;

/// <summary>Rejects bad check settings at start, naming the option, e.g. <c>Probe:Names:twopir.example.com:Timeout</c>.</summary>
internal sealed class ProbeOptionsValidator : IValidateOptions<ProbeOptions>
{
    private static readonly TimeSpan s_shortestInterval = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProbeOptions options)
    {
        List<string> failures = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach ((string checkedName, NameCheckOptions check) in options.Names)
        {
            string prefix = $"{ProbeOptions.SectionName}:Names:{checkedName}";
            if (!TryNormalizeName(checkedName, out string normal))
            {
                failures.Add($"{prefix}: '{checkedName}' is not a host name (letters, digits, '-' and '_' in dot-separated labels of at most 63)");
            }
            else if (!seen.Add(normal))
            {
                failures.Add($"{prefix}: {normal} is listed twice");
            }

            Validate(prefix, check, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Lower-cases <paramref name="name"/> and drops a final dot; <see langword="false"/> if it is not a host name.</summary>
    public static bool TryNormalizeName(string name, out string normal)
    {
        normal = name.TrimEnd('.').ToLowerInvariant();
        if (normal.Length is 0 or > 253)
        {
            return false;
        }

        foreach (string label in normal.Split('.'))
        {
            if (label.Length is 0 or > 63 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static void Validate(string prefix, NameCheckOptions check, List<string> failures)
    {
        List<ValidationResult> results = [];
        Validator.TryValidateObject(check, new ValidationContext(check), results, validateAllProperties: true);
        failures.AddRange(results.Select(result => $"{prefix}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"));
        if (!Enum.IsDefined(check.Check))
        {
            failures.Add($"{prefix}:Check: must be Http or Tcp");
        }

        if (!Enum.IsDefined(check.WhenAllDown))
        {
            failures.Add($"{prefix}:WhenAllDown: must be ServeAll, NoData or ServFail");
        }

        if (!check.Path.StartsWith('/') || check.Path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '#'))
        {
            failures.Add($"{prefix}:Path: '{check.Path}' must start with '/' and hold no spaces or '#'");
        }

        if (check.Host is { Length: > 0 } host && !TryNormalizeName(host, out _))
        {
            failures.Add($"{prefix}:Host: '{host}' is not a host name");
        }

        if (!StatusCodeSet.TryParse(check.Status, out _, out string statusError))
        {
            failures.Add($"{prefix}:Status: {statusError}");
        }

        if (check.Interval < s_shortestInterval || check.Interval > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}:Interval: {check.Interval} must be between {s_shortestInterval} and 01:00:00");
        }

        if (check.Timeout <= TimeSpan.Zero || check.Timeout > check.Interval)
        {
            failures.Add($"{prefix}:Timeout: {check.Timeout} must be positive and at most Interval ({check.Interval}), so a round ends before the next begins");
        }

        if (check.Jitter < TimeSpan.Zero || check.Jitter > check.Interval / 2)
        {
            failures.Add($"{prefix}:Jitter: {check.Jitter} must be between 0 and half of Interval ({check.Interval / 2})");
        }

        if (check.MaxTtl is { } ttl && (ttl < TimeSpan.Zero || ttl.TotalSeconds > int.MaxValue || ttl.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            failures.Add($"{prefix}:MaxTtl: {ttl} must be a whole number of seconds, 0 or more");
        }
    }
}
