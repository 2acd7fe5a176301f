namespace TwoPiR.Dns.Zones;

/// <summary>
/// Splits a zone file into entries (RFC 1035 §5.1): one per line, except that parentheses
/// continue an entry across lines. Comments go; quoted strings stay whole; escapes are kept
/// for the parser, which knows whether a token is a name or a character string.
/// </summary>
internal sealed class ZoneFileLexer
{
    private readonly byte[] _text;
    private readonly string _file;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    /// <summary>Reads <paramref name="text"/>, naming it <paramref name="file"/> in errors.</summary>
    public ZoneFileLexer(byte[] text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>The file as errors name it.</summary>
    public string File => _file;

    /// <summary>Returns the source text of a token.</summary>
    public ReadOnlySpan<byte> TextOf(ZoneToken token) => _text.AsSpan(token.Start, token.Length);

    /// <summary>Reads the next entry that has any tokens.</summary>
    /// <param name="tokens">Receives the entry's tokens; cleared first.</param>
    /// <param name="ownerOmitted">Whether the entry's first line starts with a blank, so it has no owner (RFC 1035 §5.1).</param>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="ZoneFileException">Unbalanced parentheses or an unterminated quoted string.</exception>
    public bool TryReadEntry(List<ZoneToken> tokens, out bool ownerOmitted)
    {
        tokens.Clear();
        while (_position < _text.Length)
        {
            ownerOmitted = _text[_position] is (byte)' ' or (byte)'\t';
            ReadLogicalLine(tokens);
            if (tokens.Count > 0)
            {
                return true;
            }
        }

        ownerOmitted = false;
        return false;
    }

    private void ReadLogicalLine(List<ZoneToken> tokens)
    {
        SourcePosition? openParenthesis = null;
        int depth = 0;
        while (_position < _text.Length)
        {
            byte current = _text[_position];
            switch (current)
            {
                case (byte)' ' or (byte)'\t':
                    _position++;
                    break;
                case (byte)'\r' when _position + 1 < _text.Length && _text[_position + 1] == '\n':
                    _position++;
                    break;
                case (byte)';':
                    SkipComment();
                    break;
                case (byte)'\n' or (byte)'\r':
                    // LF, CRLF, and like BIND a lone CR, end a line.
                    NextLine();
                    if (depth == 0)
                    {
                        return;
                    }

                    break;
                case (byte)'(':
                    openParenthesis ??= Here();
                    depth++;
                    _position++;
                    break;
                case (byte)')':
                    if (depth == 0)
                    {
                        throw new ZoneFileException(Here(), "')' without a matching '('");
                    }

                    if (--depth == 0)
                    {
                        openParenthesis = null;
                    }

                    _position++;
                    break;
                case (byte)'"':
                    tokens.Add(ReadQuoted());
                    break;
                default:
                    tokens.Add(ReadWord());
                    break;
            }
        }

        if (openParenthesis is { } open)
        {
            throw new ZoneFileException(open, "'(' is never closed");
        }
    }

    private ZoneToken ReadWord()
    {
        SourcePosition start = Here();
        int from = _position;
        while (_position < _text.Length && !IsDelimiter(_text[_position]))
        {
            // An escape hides the next octet from the delimiter test: `a\ b` and `\;` are one word.
            _position += _text[_position] == '\\' && _position + 1 < _text.Length && _text[_position + 1] != '\n' ? 2 : 1;
        }

        return new ZoneToken(from, _position - from, IsQuoted: false, start);
    }

    private ZoneToken ReadQuoted()
    {
        SourcePosition start = Here();
        int from = ++_position;
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw new ZoneFileException(start, "quoted string is not closed on its line");
            }

            byte current = _text[_position];
            if (current == '"')
            {
                break;
            }

            if (current == '\\' && _position + 1 < _text.Length && _text[_position + 1] == '\n')
            {
                // BIND keeps an escaped line break inside quotes as the octet 10.
                _position++;
                NextLine();
                continue;
            }

            _position += current == '\\' && _position + 1 < _text.Length ? 2 : 1;
        }

        var token = new ZoneToken(from, _position - from, IsQuoted: true, start);
        _position++;
        return token;
    }

    private void SkipComment()
    {
        while (_position < _text.Length && _text[_position] != '\n')
        {
            _position++;
        }
    }

    private void NextLine()
    {
        _position++;
        _line++;
        _lineStart = _position;
    }

    private SourcePosition Here() => new(_file, _line, _position - _lineStart + 1);

    private static bool IsDelimiter(byte octet) =>
        octet is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)';' or (byte)'(' or (byte)')' or (byte)'"';
}
