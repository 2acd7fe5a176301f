using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TwoPiR.Dns.Answers;

/// <summary>
/// A client's IP address as 128 bits, IPv4 in its IPv4-mapped IPv6 form (RFC 4291 §2.5.5.2),
/// read straight from a socket address so that checking who asked allocates nothing.
/// </summary>
internal readonly record struct ClientAddress(UInt128 Bits)
{
    // Linux address families (bits/socket.h); recvmmsg fills in native socket addresses.
    private const ushort LinuxInet = 2;
    private const ushort LinuxInet6 = 10;

    // sockaddr_in: family (16), port (16), address (32). sockaddr_in6: family, port, flow info (32), address (128).
    private const int Inet4AddressOffset = 4;
    private const int Inet6AddressOffset = 8;

    private static readonly UInt128 s_mappedPrefix = new(0, 0xFFFF_0000_0000);

    /// <summary>No address known (a test, or an unsupported family); no network holds it.</summary>
    public static ClientAddress Unknown => default;

    /// <summary>Whether the address is known.</summary>
    public bool IsKnown => Bits != UInt128.Zero;

    /// <summary>Reads the address a <see cref="SocketAddress"/> holds.</summary>
    public static ClientAddress From(SocketAddress address) => address.Family switch
    {
        AddressFamily.InterNetwork => FromIPv4(address.Buffer.Span[Inet4AddressOffset..]),
        AddressFamily.InterNetworkV6 => FromIPv6(address.Buffer.Span[Inet6AddressOffset..]),
        _ => Unknown,
    };

    /// <summary>Reads a Linux <c>struct sockaddr</c> as recvmmsg fills it in.</summary>
    public static ClientAddress FromLinuxSocketAddress(ReadOnlySpan<byte> address) => MemoryMarshal.Read<ushort>(address) switch
    {
        LinuxInet => FromIPv4(address[Inet4AddressOffset..]),
        LinuxInet6 => FromIPv6(address[Inet6AddressOffset..]),
        _ => Unknown,
    };

    /// <summary>Converts <paramref name="address"/>.</summary>
    public static ClientAddress From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        return written == 4 ? FromIPv4(bytes) : FromIPv6(bytes);
    }

    /// <summary>The address as an <see cref="IPAddress"/>, for logs; IPv4 comes back as IPv4.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Bits);
        return (Bits >> 32) == (s_mappedPrefix >> 32) ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
    }

    /// <inheritdoc />
    public override string ToString() => IsKnown ? ToIPAddress().ToString() : "unknown";

    private static ClientAddress FromIPv4(ReadOnlySpan<byte> octets) =>
        new(s_mappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(octets));

    private static ClientAddress FromIPv6(ReadOnlySpan<byte> octets) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(octets));
}
