using System.Collections.Concurrent;
using System.Net;

namespace TwoPiR.Dns.Server;

/// <summary>
/// The TCP connections the server may hold at once, over every listen address: in all, and per
/// client address, so one client cannot take every slot.
/// </summary>
internal sealed class TcpConnectionSlots(int total, int perClient)
{
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private int _open;

    /// <summary>The connections held now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot for a connection from <paramref name="client"/>.</summary>
    /// <returns><see langword="null"/> when a slot was taken; otherwise the limit in the way, for the log.</returns>
    public string? TryTake(IPAddress? client)
    {
        if (Interlocked.Increment(ref _open) > total)
        {
            Interlocked.Decrement(ref _open);
            return $"{total} in all";
        }

        if (client is not null && _perClient.AddOrUpdate(client, 1, static (_, count) => count + 1) > perClient)
        {
            Release(client);
            return $"{perClient} per client";
        }

        return null;
    }

    /// <summary>Gives back the slot of a connection from <paramref name="client"/>.</summary>
    public void Release(IPAddress? client)
    {
        Interlocked.Decrement(ref _open);
        if (client is not null)
        {
            _perClient.AddOrUpdate(client, 0, static (_, count) => count - 1);
            _perClient.TryRemove(new KeyValuePair<IPAddress, int>(client, 0));
        }
    }
}
