namespace TwoPiR.Dns.Wire;

/// <summary>Name compression (RFC 1035 §4.1.4).</summary>
internal ref partial struct DnsWriter
{
    // RFC 1035 §4.1.4: a pointer holds a 14-bit offset, so only names below 0x4000 can be targets.
    private const int MaxPointerTarget = 0x3FFF;
    private const ushort PointerTag = 0xC000;

    /// <summary>
    /// Writes <paramref name="name"/>, replacing its longest suffix already in the message with a
    /// pointer, and remembers the new labels as future targets.
    /// </summary>
    private bool TryWriteName(scoped ReadOnlySpan<byte> name)
    {
        int suffix = 0;
        ushort target = 0;
        while (name[suffix] != 0 && !TryFindWritten(name[suffix..], out target))
        {
            suffix += 1 + name[suffix];
        }

        bool usePointer = name[suffix] != 0;
        int length = usePointer ? suffix + sizeof(ushort) : name.Length;
        if (_position + length > _limit)
        {
            return false;
        }

        int start = _position;
        name[..(usePointer ? suffix : name.Length)].CopyTo(_buffer[start..]);
        if (usePointer)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(_buffer[(start + suffix)..], (ushort)(PointerTag | target));
        }

        _position += length;
        RememberLabels(name[..suffix], start);
        return true;
    }

    private void RememberLabels(scoped ReadOnlySpan<byte> labels, int start)
    {
        for (int offset = 0; offset < labels.Length && labels[offset] != 0; offset += 1 + labels[offset])
        {
            if (start + offset > MaxPointerTarget || _nameCount == _nameOffsets.Length)
            {
                return;
            }

            _nameOffsets[_nameCount++] = (ushort)(start + offset);
        }
    }

    private readonly bool TryFindWritten(scoped ReadOnlySpan<byte> name, out ushort offset)
    {
        for (int i = 0; i < _nameCount; i++)
        {
            if (WrittenNameEquals(_nameOffsets[i], name))
            {
                offset = _nameOffsets[i];
                return true;
            }
        }

        offset = 0;
        return false;
    }

    /// <summary>Compares a name already in the message, following its pointers, with a wire name, ignoring case.</summary>
    private readonly bool WrittenNameEquals(int position, scoped ReadOnlySpan<byte> name)
    {
        int index = 0;
        while (true)
        {
            byte label = _buffer[position];
            if ((label & 0xC0) == 0xC0)
            {
                // Our own pointers: always well formed and backwards.
                position = ((label & 0x3F) << 8) | _buffer[position + 1];
                continue;
            }

            if (label != name[index])
            {
                return false;
            }

            if (label == 0)
            {
                return true;
            }

            if (!DnsName.EqualsIgnoreCase(_buffer.Slice(position + 1, label), name.Slice(index + 1, label)))
            {
                return false;
            }

            position += 1 + label;
            index += 1 + label;
        }
    }
}
