using Microsoft.Extensions.Options;

namespace TwoPiR.Dns;

/// <summary>Checks the ranges declared on <see cref="DnsServerOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class DnsServerOptionsRangeValidator : IValidateOptions<DnsServerOptions>
{
}
