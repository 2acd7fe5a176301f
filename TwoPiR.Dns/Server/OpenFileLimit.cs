using Microsoft.Extensions.Logging;

namespace TwoPiR.Dns.Server;

/// <summary>
/// Keeps TCP connections from using up the process's file descriptors: the runtime itself needs a
/// few now and then, and aborts without them. On Linux the connection cap is lowered to what the
/// open-file limit (RLIMIT_NOFILE, systemd's LimitNOFILE) leaves room for.
/// </summary>
internal static class OpenFileLimit
{
    // Descriptors kept free for the runtime, zone reloads, and connections being refused.
    private const int Reserve = 64;

    /// <summary>Returns <paramref name="wanted"/>, or less when the open-file limit cannot hold that many connections.</summary>
    public static int CapConnections(int wanted, ILogger logger)
    {
        if (!OperatingSystem.IsLinux() || SoftLimit() is not { } limit)
        {
            return wanted;
        }

        int open = Directory.GetFiles("/proc/self/fd").Length;
        int room = Math.Max(1, limit - open - Reserve);
        if (room >= wanted)
        {
            return wanted;
        }

        DnsLog.TcpConnectionsCapped(logger, wanted, room, limit);
        return room;
    }

    /// <summary>The soft limit from /proc/self/limits, e.g. "Max open files  1024  524288  files".</summary>
    private static int? SoftLimit()
    {
        try
        {
            string? line = File.ReadLines("/proc/self/limits").FirstOrDefault(line => line.StartsWith("Max open files", StringComparison.Ordinal));
            string[] fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            return fields.Length > 3 && int.TryParse(fields[3], out int soft) ? soft : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
