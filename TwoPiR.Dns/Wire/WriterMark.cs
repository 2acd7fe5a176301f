namespace TwoPiR.Dns.Wire;

/// <summary>A point in a message being written, to roll back to when an RRset does not fit.</summary>
internal readonly record struct WriterMark(int Position, int NameCount, ushort QuestionCount, ushort AnswerCount, ushort AuthorityCount, ushort AdditionalCount);
