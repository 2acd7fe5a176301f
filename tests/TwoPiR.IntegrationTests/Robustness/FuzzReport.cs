using System.Collections.Concurrent;
using System.Globalization;
using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Robustness;

/// <summary>What the fuzz workers saw, gathered across threads; keeps the first few examples of each problem.</summary>
/// <param name="maxReply">The longest reply allowed: 1232 over UDP (Dns:MaxUdpPayload), 65535 over TCP.</param>
internal sealed class FuzzReport(int maxReply)
{
    private const int ServerFailure = 2;
    private const int ExamplesKept = 5;

    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<int, int> _responseCodes = new();
    private int _sent;
    private int _replies;
    private int _problemCount;

    /// <summary>Datagrams sent.</summary>
    public int Sent => _sent;

    /// <summary>Replies matched to the datagram they answer.</summary>
    public int Replies => _replies;

    /// <summary>The number of problems seen, of every kind.</summary>
    public int ProblemCount => _problemCount;

    /// <summary>The first few problems, each with the datagram that caused it.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>How many replies carried each RCODE, e.g. <c>0: 4100, 1: 52000</c>.</summary>
    public string ResponseCodes => string.Join(", ", _responseCodes.OrderBy(pair => pair.Key).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value}")));

    /// <summary>Counts one datagram sent.</summary>
    public void CountSent() => Interlocked.Increment(ref _sent);

    /// <summary>Records that <paramref name="packet"/> got no reply in time.</summary>
    public void NoReply(FuzzPacket packet) => AddProblem($"no reply to {packet}");

    /// <summary>Checks a datagram that arrived while waiting for the reply to <paramref name="packet"/>.</summary>
    /// <param name="packet">The datagram awaiting a reply, or <see langword="null"/> when none is.</param>
    /// <param name="reply">The datagram received.</param>
    /// <returns>Whether <paramref name="reply"/> is the reply to <paramref name="packet"/>.</returns>
    public bool CheckReply(FuzzPacket? packet, ReadOnlySpan<byte> reply)
    {
        string hex = Convert.ToHexString(reply);
        if (!MessageValidator.IsWellFormed(reply, out string problem))
        {
            AddProblem($"malformed reply ({problem}) {hex} to {packet}");
            return false;
        }

        int id = (reply[0] << 8) | reply[1];
        if (packet is null || id != packet.Id)
        {
            AddProblem($"reply {hex} to a datagram that should have been dropped; awaiting {packet}");
            return false;
        }

        Interlocked.Increment(ref _replies);
        int code = reply[3] & 0x0F;
        _responseCodes.AddOrUpdate(code, 1, (_, count) => count + 1);
        int opCode = (reply[2] >> 3) & 0x0F;
        if (opCode != packet.OpCode || reply.Length > maxReply || code == ServerFailure)
        {
            AddProblem($"reply {hex} (opcode {opCode}, {reply.Length} octets, rcode {code}) to {packet}");
        }

        return true;
    }

    private void AddProblem(string problem)
    {
        if (Interlocked.Increment(ref _problemCount) <= ExamplesKept)
        {
            _problems.Enqueue(problem);
        }
    }
}
