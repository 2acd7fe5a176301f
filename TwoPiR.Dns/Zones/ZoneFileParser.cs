using System.Text;
using TwoPiR.Dns.Wire;

namespace TwoPiR.Dns.Zones;

/// <summary>
/// Reads one zone's master file (RFC 1035 §5) and the files it includes into records.
/// One instance per load; not thread-safe. Errors are <see cref="ZoneFileException"/>s
/// naming file:line:column; oddities BIND would only warn about go to <see cref="Warnings"/>.
/// </summary>
internal sealed partial class ZoneFileParser
{
    /// <summary>Deeper nesting than this is almost surely an include loop.</summary>
    public const int MaxIncludeDepth = 8;

    // RFC 2181 §8: a TTL is 31 bits; BIND serves larger values as 0, with a warning.
    private const uint MaxTtl = int.MaxValue;

    private readonly string _directory;
    private readonly string _realDirectory;
    private readonly string _displayDirectory;
    private readonly byte[] _zoneOrigin;
    private readonly List<ZoneRecord> _records = [];
    private readonly List<string> _warnings = [];
    private readonly List<FileStamp> _files = [];
    private readonly List<ZoneToken> _tokens = [];
    private ZoneFileLexer _lexer = null!;
    private byte[] _origin;
    private byte[]? _owner;
    private uint? _defaultTtl;
    private uint? _lastTtl;
    private byte[]? _groupOwner;
    private readonly Dictionary<RecordType, uint> _groupTtls = [];

    /// <summary>Prepares to read a zone whose files live in <paramref name="directory"/>.</summary>
    /// <param name="directory">The zones folder; $INCLUDE may not reach outside it.</param>
    /// <param name="displayDirectory">The folder as the operator wrote it, for messages.</param>
    /// <param name="origin">The zone's apex in wire form.</param>
    public ZoneFileParser(string directory, string displayDirectory, ReadOnlySpan<byte> origin)
    {
        _directory = Path.GetFullPath(directory);
        _realDirectory = Path.TrimEndingDirectorySeparator(RealPath.Of(directory)) + Path.DirectorySeparatorChar;
        _displayDirectory = displayDirectory;
        _origin = origin.ToArray();
        _zoneOrigin = new byte[origin.Length];
        DnsName.ToLower(origin, _zoneOrigin);
    }

    /// <summary>The records read, in file order, out-of-zone ones left out.</summary>
    public IReadOnlyList<ZoneRecord> Records => _records;

    /// <summary>Things BIND accepts with a warning, each with its place.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Every file read, the zone file first, fingerprinted as read.</summary>
    public IReadOnlyList<FileStamp> Files => _files;

    /// <summary>Reads <paramref name="fileName"/>, a file in the zones folder, and everything it includes.</summary>
    /// <exception cref="ZoneFileException">The file, or one it includes, is not a valid zone file.</exception>
    public void Parse(string fileName) =>
        ParseFile(Path.Combine(_directory, fileName), Path.Combine(_displayDirectory, fileName), _origin, depth: 0, includedAt: null);

    private void ParseFile(string path, string display, byte[] origin, int depth, ZoneToken? includedAt)
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _files.Add(FileStamp.Unreadable(path)); // so the file's appearance counts as a change
            throw includedAt is { } at
                ? Error(at, $"cannot read included file {display}: {ex.Message}")
                : new ZoneFileException(display, 1, 1, $"cannot read: {ex.Message}");
        }

        _files.Add(FileStamp.Of(path, text));
        ZoneFileLexer outer = _lexer;
        byte[] outerOrigin = _origin;
        byte[]? outerOwner = _owner;
        _lexer = new ZoneFileLexer(text, display);
        _origin = origin;
        try
        {
            while (_lexer.TryReadEntry(_tokens, out bool ownerOmitted))
            {
                ParseEntry(ownerOmitted, depth);
            }
        }
        finally
        {
            // RFC 1035 §5.1: an included file cannot change the origin (or owner) of the file that includes it.
            _lexer = outer;
            _origin = outerOrigin;
            _owner = outerOwner;
        }
    }

    private void ParseEntry(bool ownerOmitted, int depth)
    {
        ZoneToken first = _tokens[0];
        if (!ownerOmitted && !first.IsQuoted && Text(first)[0] == '$')
        {
            ParseDirective(depth);
            return;
        }

        ParseRecord(ownerOmitted);
    }

    private void ParseDirective(int depth)
    {
        ZoneToken directive = _tokens[0];
        string name = Encoding.ASCII.GetString(Text(directive)).ToUpperInvariant();
        switch (name)
        {
            case "$ORIGIN":
                ExpectArguments(1, 1);
                _origin = ParseName(_tokens[1]);
                break;
            case "$TTL":
                ExpectArguments(1, 1);
                _defaultTtl = _lastTtl = LimitTtl(ParseTtl(_tokens[1]), _tokens[1]);
                break;
            case "$INCLUDE":
                // RFC 1035 §5.1's trailing <comment> is a ';' comment, not a word; BIND agrees.
                ExpectArguments(1, 2);
                Include(depth);
                break;
            default:
                throw Error(directive, $"unknown directive '{Encoding.ASCII.GetString(Text(directive))}' (known: $ORIGIN, $TTL, $INCLUDE)");
        }
    }

    private void Include(int depth)
    {
        ZoneToken fileToken = _tokens[1];
        if (depth + 1 > MaxIncludeDepth)
        {
            throw Error(fileToken, $"$INCLUDE nested more than {MaxIncludeDepth} deep; is a file including itself?");
        }

        string requested = Encoding.UTF8.GetString(DecodeText(fileToken));
        if (requested.Length == 0 || requested.Contains('\0', StringComparison.Ordinal))
        {
            throw Error(fileToken, "$INCLUDE needs a file name, without NUL characters");
        }

        // Every link along the way is resolved first, so none can lead out of the folder.
        string path;
        try
        {
            path = RealPath.Of(Path.Combine(_directory, requested));
        }
        catch (IOException ex)
        {
            throw Error(fileToken, $"$INCLUDE '{requested}': {ex.Message}");
        }

        if (!path.StartsWith(_realDirectory, StringComparison.Ordinal))
        {
            throw Error(fileToken, $"$INCLUDE '{requested}' is outside the zones folder {_displayDirectory}");
        }

        byte[] origin = _tokens.Count > 2 ? ParseName(_tokens[2]) : _origin;
        ParseFile(path, Path.Combine(_displayDirectory, path[_realDirectory.Length..]), origin, depth + 1, fileToken);
    }

    private void ParseRecord(bool ownerOmitted)
    {
        ZoneToken start = _tokens[0];
        int index = 0;
        byte[] owner = ownerOmitted
            ? _owner ?? throw Error(start, "this entry has no owner name, and there is no previous one to repeat")
            : ParseName(_tokens[index++], quotedAllowed: true);

        uint? ttl = null;
        bool classSeen = false;
        while (index < _tokens.Count && !_tokens[index].IsQuoted)
        {
            ZoneToken token = _tokens[index];
            if (ttl is null && char.IsAsciiDigit((char)Text(token)[0]))
            {
                ttl = LimitTtl(ParseTtl(token), token);
            }
            else if (!classSeen && IsClass(token))
            {
                classSeen = true;
            }
            else
            {
                break;
            }

            index++;
        }

        if (index >= _tokens.Count)
        {
            throw Error(_tokens[^1], "expected a record type after this");
        }

        ZoneToken typeToken = _tokens[index];
        RecordType type = ParseType(typeToken);
        byte[] data = ParseData(type, typeToken, index + 1);
        uint resolvedTtl = KeepGroupTtl(owner, type, ResolveTtl(ttl, type, data, typeToken), start);
        _owner = owner;

        byte[] key = new byte[owner.Length];
        DnsName.ToLower(owner, key);
        if (!DnsName.IsAtOrBelow(key, _zoneOrigin))
        {
            Warn(start, $"ignoring out-of-zone data ({DnsName.ToText(owner)})");
            return;
        }

        _records.Add(new ZoneRecord(owner, type, resolvedTtl, data, start.Position));
    }

    /// <summary>Applies the TTL rules BIND uses (RFC 1035 §5.1, RFC 2308 §4).</summary>
    private uint ResolveTtl(uint? explicitTtl, RecordType type, byte[] data, ZoneToken at)
    {
        if (explicitTtl is { } given)
        {
            return (_lastTtl = given).Value;
        }

        if ((_defaultTtl ?? _lastTtl) is { } inherited)
        {
            return inherited;
        }

        if (type != RecordType.SOA)
        {
            throw Error(at, "no TTL for this record: give it one, or put a $TTL line before it");
        }

        Warn(at, "no TTL specified; using the SOA MINIMUM field instead");
        uint minimum = LimitTtl(RecordData.ReadSoaTimers(data).Minimum, at);
        _defaultTtl = _lastTtl = minimum;
        return minimum;
    }

    /// <summary>
    /// Within a run of entries for the same owner, a record joining an RRset takes the RRset's
    /// TTL (RFC 2181 §5.2), as BIND does; a later run for that owner sets the RRset's TTL anew.
    /// </summary>
    private uint KeepGroupTtl(byte[] owner, RecordType type, uint ttl, ZoneToken at)
    {
        if (!owner.AsSpan().SequenceEqual(_groupOwner))
        {
            _groupOwner = owner;
            _groupTtls.Clear();
        }

        if (_groupTtls.TryAdd(type, ttl) || _groupTtls[type] == ttl)
        {
            return ttl;
        }

        uint prior = _groupTtls[type];
        Warn(at, $"TTL {ttl} differs from the TTL of the {type} records just before; using {prior} for all (RFC 2181 §5.2)");
        _lastTtl = prior;
        return prior;
    }

    private uint LimitTtl(uint ttl, ZoneToken at)
    {
        if (ttl <= MaxTtl)
        {
            return ttl;
        }

        Warn(at, $"TTL {ttl} is above the maximum {MaxTtl} (RFC 2181 §8); using 0");
        return 0;
    }

    private void ExpectArguments(int minimum, int maximum)
    {
        int arguments = _tokens.Count - 1;
        if (arguments < minimum)
        {
            throw Error(_tokens[^1], $"{Encoding.ASCII.GetString(Text(_tokens[0]))} needs {minimum} argument{(minimum == 1 ? "" : "s")}");
        }

        if (arguments > maximum)
        {
            throw Error(_tokens[maximum + 1], $"unexpected '{Encoding.UTF8.GetString(Text(_tokens[maximum + 1]))}' after {Encoding.ASCII.GetString(Text(_tokens[0]))}");
        }
    }

    private void Warn(ZoneToken at, string message) => _warnings.Add($"{at.Position}: {message}");

    private ReadOnlySpan<byte> Text(ZoneToken token) => _lexer.TextOf(token);

    private static ZoneFileException Error(ZoneToken token, string problem) => new(token.Position, problem);

}
