using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Answers;

/// <summary>The header-level result of answering from a zone.</summary>
/// <param name="Code">The RCODE.</param>
/// <param name="Authoritative">Whether AA is set: not for referrals.</param>
/// <param name="Truncated">Whether an RRset was dropped for lack of room, so TC is set.</param>
internal readonly record struct AnswerOutcome(ResponseCode Code, bool Authoritative, bool Truncated);
