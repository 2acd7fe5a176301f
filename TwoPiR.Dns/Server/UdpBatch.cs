using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using TwoPiR.Dns.Answers;

namespace TwoPiR.Dns.Server;

/// <summary>
/// Linux <c>recvmmsg</c>/<c>sendmmsg</c>: many datagrams per system call, the way NSD and Knot
/// read and answer, in native memory allocated once per receive loop. The message headers use
/// pointer-sized fields, so the layout is right on every Linux architecture (LP64 and ILP32).
/// </summary>
internal sealed unsafe partial class UdpBatch : IDisposable
{
    // socket.h: return once at least one datagram is in, rather than waiting for the whole batch.
    private const int MessageWaitForOne = 0x10000;
    private const int AddressSize = 128; // sizeof(struct sockaddr_storage)
    private const int Interrupted = 4; // EINTR
    private const int Inet6AddressSize = 28; // sizeof(struct sockaddr_in6); sockaddr_in is 16

    private readonly int _capacity;
    private readonly int _slotSize;
    private readonly byte* _memory;
    private readonly byte* _requests;
    private readonly byte* _responses;
    private readonly byte* _addresses;
    private readonly IoVector* _receiveVectors;
    private readonly IoVector* _sendVectors;
    private readonly MultiMessageHeader* _received;
    private readonly MultiMessageHeader* _replies;
    private int _replyCount;

    /// <summary>Allocates room for <paramref name="capacity"/> datagrams of up to <paramref name="slotSize"/> octets each way.</summary>
    public UdpBatch(int capacity, int slotSize)
    {
        _capacity = capacity;
        _slotSize = slotSize;
        nuint messages = (nuint)capacity;
        nuint total = (messages * (nuint)((2 * slotSize) + AddressSize)) + (messages * (nuint)(2 * sizeof(IoVector))) + (messages * (nuint)(2 * sizeof(MultiMessageHeader)));
        _memory = (byte*)NativeMemory.AlignedAlloc(total, 64);
        NativeMemory.Clear(_memory, total);
        _received = (MultiMessageHeader*)_memory;
        _replies = _received + capacity;
        _receiveVectors = (IoVector*)(_replies + capacity);
        _sendVectors = _receiveVectors + capacity;
        _addresses = (byte*)(_sendVectors + capacity);
        _requests = _addresses + (capacity * AddressSize);
        _responses = _requests + (capacity * slotSize);
    }

    /// <summary>Whether batches work here: Linux only, where the calls exist.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>
    /// Blocks until at least one datagram arrives (or the socket's receive timeout passes), then
    /// takes every datagram already queued, up to the batch size.
    /// </summary>
    /// <returns>The number read, or the error number (errno) as a negative value.</returns>
    public int Receive(int socket)
    {
        _replyCount = 0;
        for (int i = 0; i < _capacity; i++)
        {
            _receiveVectors[i] = new IoVector(_requests + (i * _slotSize), (nuint)_slotSize);
            _received[i] = new MultiMessageHeader(new MessageHeader(_addresses + (i * AddressSize), AddressSize, &_receiveVectors[i]));
        }

        int count;
        do
        {
            count = ReceiveMessages(socket, _received, (uint)_capacity, MessageWaitForOne, null);
        }
        while (count < 0 && Marshal.GetLastPInvokeError() == Interrupted);

        return count >= 0 ? count : -Marshal.GetLastPInvokeError();
    }

    /// <summary>The datagram at <paramref name="index"/>, as received (a datagram larger than a slot is cut short).</summary>
    public ReadOnlySpan<byte> Request(int index) => new(_requests + (index * _slotSize), (int)_received[index].Length);

    /// <summary>The sender of the datagram at <paramref name="index"/>.</summary>
    public ClientAddress Sender(int index) => ClientAddress.FromLinuxSocketAddress(SenderBytes(index));

    /// <summary>A copy of the sender's address, to reply to later.</summary>
    public SocketAddress CopySender(int index)
    {
        ReadOnlySpan<byte> sender = SenderBytes(index);
        SocketAddress copy = new(sender.Length == Inet6AddressSize ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, sender.Length);
        sender.CopyTo(copy.Buffer.Span);
        return copy;
    }

    /// <summary>Where to write the reply to the datagram at <paramref name="index"/>.</summary>
    public Span<byte> Response(int index) => new(_responses + (index * _slotSize), _slotSize);

    /// <summary>Queues the reply of <paramref name="length"/> octets written for the datagram at <paramref name="index"/>.</summary>
    public void Reply(int index, int length)
    {
        _sendVectors[_replyCount] = new IoVector(_responses + (index * _slotSize), (nuint)length);
        MessageHeader from = _received[index].Header;
        _replies[_replyCount] = new MultiMessageHeader(new MessageHeader(from.Name, from.NameLength, &_sendVectors[_replyCount]));
        _replyCount++;
    }

    /// <summary>Sends every queued reply, as few calls as the kernel allows.</summary>
    /// <returns>The error number (errno) of replies that could not be sent, or 0.</returns>
    public int SendReplies(int socket)
    {
        int lastError = 0;
        for (int sent = 0; sent < _replyCount;)
        {
            int count = SendMessages(socket, _replies + sent, (uint)(_replyCount - sent), 0);
            if (count > 0)
            {
                sent += count;
                continue;
            }

            lastError = Marshal.GetLastPInvokeError();
            if (lastError != Interrupted)
            {
                sent++; // this reply cannot go (e.g. an unreachable client): skip it, send the rest
            }
        }

        _replyCount = 0;
        return lastError;
    }

    /// <inheritdoc />
    public void Dispose() => NativeMemory.AlignedFree(_memory);

    private ReadOnlySpan<byte> SenderBytes(int index) => new(_received[index].Header.Name, (int)_received[index].Header.NameLength);

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int ReceiveMessages(int socket, MultiMessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMessages(int socket, MultiMessageHeader* messages, uint count, int flags);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector(byte* start, nuint length)
    {
        public byte* Start = start;
        public nuint Length = length;
    }

    /// <summary>struct msghdr, without control data.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader(byte* name, uint nameLength, IoVector* vector)
    {
        public byte* Name = name;
        public uint NameLength = nameLength;
        public IoVector* Vector = vector;
        public nuint VectorLength = 1;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct mmsghdr: the kernel fills in <see cref="Length"/>, and the sender's address and its length in the header.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MultiMessageHeader(MessageHeader header)
    {
        public MessageHeader Header = header;
        public uint Length;
    }
}
