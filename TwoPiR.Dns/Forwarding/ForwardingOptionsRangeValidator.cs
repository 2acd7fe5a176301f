using Microsoft.Extensions.Options;

namespace TwoPiR.Dns.Forwarding;

/// <summary>Checks the ranges declared on <see cref="ForwardingOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ForwardingOptionsRangeValidator : IValidateOptions<ForwardingOptions>
{
}
