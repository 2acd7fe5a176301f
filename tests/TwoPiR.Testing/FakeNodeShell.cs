using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TwoPiR.Provision.Ssh;

namespace TwoPiR.Testing;

/// <summary>
/// A scripted Debian node behind <see cref="INodeShell"/>: packages, systemd units, files and links,
/// /etc/hosts and name resolution, disks and mounts, nginx, and glusterd (whose state lives in the
/// shared <see cref="FakeGlusterCluster"/>). It answers the exact command lines the provision steps
/// send; any other line throws, naming it, so a test never passes on a command nobody simulated.
/// Every command is recorded, and faults can be scripted per command line.
/// </summary>
internal sealed partial class FakeNodeShell : INodeShell
{
    /// <summary>The device number <c>stat -c %d</c> prints for the root filesystem.</summary>
    public const string RootDevice = "2049";

    private const string Word = @"('(?:[^']|'\\'')*'|[^\s';&|<>]+)";
    private const string SitesEnabled = "/etc/nginx/sites-enabled";

    private readonly FakeGlusterCluster _cluster;
    private readonly FakeFileTree _files = new();
    private readonly List<RemoteCommand> _commands = [];
    private readonly List<Fault> _faults = [];
    private readonly Dictionary<string, (bool Enabled, bool Active)> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string FileSystemType, string Source)> _mounts = new(StringComparer.Ordinal);
    private readonly List<string> _disks = [];
    private readonly Dictionary<string, List<string>> _dns = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a freshly installed Debian node: /etc/hosts and /etc/fstab as the installer writes them, nothing else.</summary>
    public FakeNodeShell(FakeGlusterCluster cluster, string name, string address)
    {
        _cluster = cluster;
        Name = name;
        Address = address;
        GlusterdUuid = FakeGlusterCluster.UuidOf("glusterd " + name);
        foreach (string folder in (string[])["/etc/systemd/system", "/var/lib", "/mnt", "/srv", "/tmp", "/root"])
        {
            _files.MakeDirectories(folder);
        }

        _files.Files["/etc/hosts"] = $"127.0.0.1\tlocalhost\n127.0.1.1\t{name}\n\n::1     localhost ip6-localhost ip6-loopback\n";
        _files.Files["/etc/fstab"] = "# /etc/fstab: static file system information.\nUUID=4f0e6a3c-1d2b-4c5d-9e8f-0a1b2c3d4e5f / ext4 errors=remount-ro 0 1\n";
    }

    /// <summary>The node's host name.</summary>
    public string Name { get; }

    /// <summary>The node's address.</summary>
    public string Address { get; }

    /// <summary>The UUID glusterd writes to /var/lib/glusterd/glusterd.info on its first request; set two alike to play cloned SD cards.</summary>
    public string GlusterdUuid { get; set; }

    /// <inheritdoc/>
    public int RoundTrips
    {
        get
        {
            lock (_cluster.Sync)
            {
                return _commands.Count;
            }
        }
    }

    /// <summary>Every command run so far, in order, faults included.</summary>
    public IReadOnlyList<RemoteCommand> Commands
    {
        get
        {
            lock (_cluster.Sync)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The lines of <see cref="Commands"/>.</summary>
    public IReadOnlyList<string> Lines => [.. Commands.Select(command => command.Line)];

    /// <summary>Forgets the commands recorded so far.</summary>
    public void ClearCommands()
    {
        lock (_cluster.Sync)
        {
            _commands.Clear();
        }
    }

    /// <summary>Makes every command whose line matches fail with <paramref name="exitCode"/> and <paramref name="stderr"/>, without running it.</summary>
    public void FailWhen(Func<string, bool> match, int exitCode, string stderr = "", string stdout = "") =>
        _faults.Add(new Fault(match, exitCode, stdout, stderr, null));

    /// <summary>Makes ssh itself fail (throw <see cref="SshException"/>) for every command whose line matches.</summary>
    public void SshFailWhen(Func<string, bool> match, string message = "ssh: connect to host: Connection refused") =>
        _faults.Add(new Fault(match, 255, "", "", message));

    /// <summary>Removes every scripted fault.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <inheritdoc/>
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_cluster.Sync)
        {
            _commands.Add(command);
            Fault? fault = _faults.FirstOrDefault(fault => fault.Match(command.Line));
            if (fault?.SshMessage is { } message)
            {
                throw new SshException($"{Name}: {message}");
            }

            return Task.FromResult(fault is not null ? new CommandResult(fault.ExitCode, fault.Stdout, fault.Stderr) : Execute(command));
        }
    }

    // ---- State that tests set up and inspect ----

    /// <summary>Installs packages as apt would: glusterfs-server's glusterd disabled and stopped, nginx enabled and running with Debian's default site.</summary>
    public void Install(params string[] packages)
    {
        foreach (string package in packages)
        {
            Packages.Add(package);
            switch (package)
            {
                case "glusterfs-server":
                    _units["glusterd"] = (false, false);
                    _files.MakeDirectories("/var/lib/glusterd");
                    break;
                case "nginx":
                    _units["nginx"] = (true, true);
                    _files.MakeDirectories("/etc/nginx/sites-available");
                    _files.MakeDirectories(SitesEnabled);
                    _files.Files["/etc/nginx/nginx.conf"] = "user www-data;\nhttp { include /etc/nginx/sites-enabled/*; }\n";
                    _files.Files["/etc/nginx/sites-available/default"] = "server { listen 80 default_server; root /var/www/html; }\n";
                    _files.Links[SitesEnabled + "/default"] = "/etc/nginx/sites-available/default";
                    break;
                case "curl":
                    break;
                default:
                    throw new InvalidOperationException($"FakeNodeShell: package not simulated: {package}");
            }
        }
    }

    /// <summary>The installed packages.</summary>
    public HashSet<string> Packages { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets a systemd unit's state.</summary>
    public void SetUnit(string unit, bool enabled, bool active) => _units[unit] = (enabled, active);

    /// <summary>Whether a unit is enabled.</summary>
    public bool IsEnabled(string unit) => _units.TryGetValue(unit, out (bool Enabled, bool Active) state) && state.Enabled;

    /// <summary>Whether a unit is running.</summary>
    public bool IsActive(string unit) => _units.TryGetValue(unit, out (bool Enabled, bool Active) state) && state.Active;

    /// <summary>Makes <paramref name="mountPoint"/> a separate disk (so <c>stat -c %d</c> differs from /).</summary>
    public void AddDisk(string mountPoint)
    {
        _disks.Add(mountPoint);
        _files.MakeDirectories(mountPoint);
    }

    /// <summary>What is mounted where, as findmnt shows it.</summary>
    public Dictionary<string, (string FileSystemType, string Source)> Mounts => _mounts;

    /// <summary>Makes the LAN's DNS answer <paramref name="name"/> with <paramref name="addresses"/> (after /etc/hosts, as nsswitch asks).</summary>
    public void AddDns(string name, params string[] addresses) => _dns[name] = [.. addresses];

    /// <summary>Writes a file, making its folders.</summary>
    public void WriteFile(string path, string content)
    {
        (FakeFileTree tree, string key) = Locate(path);
        tree.MakeDirectories(FakeFileTree.Parent(key));
        tree.Links.Remove(key);
        tree.Files[key] = content;
    }

    /// <summary>A file's content (links followed), or null.</summary>
    public string? ReadFile(string path)
    {
        (FakeFileTree tree, string key) = Locate(Follow(path));
        return tree.Files.GetValueOrDefault(key);
    }

    /// <summary>Makes a folder and its parents.</summary>
    public void MakeDirectory(string path)
    {
        (FakeFileTree tree, string key) = Locate(path);
        tree.MakeDirectories(key);
    }

    /// <summary>Makes a symbolic link (its folder must exist).</summary>
    public void Symlink(string target, string link)
    {
        (FakeFileTree tree, string key) = Locate(link);
        tree.Remove(key);
        tree.Links[key] = target;
    }

    /// <summary>The target of a symbolic link, or null.</summary>
    public string? ReadLink(string path)
    {
        (FakeFileTree tree, string key) = Locate(path);
        return tree.Links.GetValueOrDefault(key);
    }

    /// <summary>Whether <paramref name="path"/> exists, links followed (as <c>test -e</c>).</summary>
    public bool Exists(string path)
    {
        (FakeFileTree tree, string key) = Locate(Follow(path));
        return tree.Files.ContainsKey(key) || tree.Directories.Contains(key);
    }

    /// <summary>Whether <paramref name="path"/> is a folder, links followed (as <c>test -d</c>).</summary>
    public bool IsDirectory(string path)
    {
        (FakeFileTree tree, string key) = Locate(Follow(path));
        return tree.Directories.Contains(key);
    }

    /// <summary>Whether <paramref name="path"/> lies on the root filesystem's device.</summary>
    public bool IsOnRootDevice(string path) => DeviceOf(path) == RootDevice;

    /// <summary>The addresses <c>getent ahosts</c> gives for <paramref name="name"/>: /etc/hosts first, then DNS.</summary>
    public IReadOnlyList<string> Resolve(string name)
    {
        List<string> addresses = [];
        foreach (string line in (ReadFile("/etc/hosts") ?? "").Split('\n'))
        {
            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && !fields[0].StartsWith('#') && fields.Skip(1).Contains(name, StringComparer.OrdinalIgnoreCase) && !addresses.Contains(fields[0]))
            {
                addresses.Add(fields[0]);
            }
        }

        return addresses.Count > 0 ? addresses : _dns.GetValueOrDefault(name) ?? [];
    }

    /// <summary>The text <c>nginx -T</c> prints: nginx.conf and every enabled site, each after its path.</summary>
    public string NginxConfiguration()
    {
        StringBuilder text = new();
        text.Append("# configuration file /etc/nginx/nginx.conf:\n").Append(ReadFile("/etc/nginx/nginx.conf"));
        foreach (string site in _files.Links.Keys.Concat(_files.Files.Keys).Where(path => FakeFileTree.Parent(path) == SitesEnabled).Order(StringComparer.Ordinal))
        {
            text.Append($"\n# configuration file {site}:\n").Append(ReadFile(site) ?? "(missing)");
        }

        return text.ToString();
    }

    // ---- The commands ----

    private CommandResult Execute(RemoteCommand command)
    {
        string line = command.Line;
        if (TryWords(line) is { } words)
        {
            return Simple(words, command.Input);
        }

        if (Script(line, command.Input) is { } result)
        {
            return result;
        }

        throw new InvalidOperationException($"FakeNodeShell {Name}: command not simulated: {command}");
    }

    private CommandResult Simple(List<string> words, string? input)
    {
        switch (words)
        {
            case ["gluster", "--mode=script", .. var arguments, "--xml"]:
                return Gluster(arguments);
            case ["dpkg-query", "-W", "-f=${Status}\\n", .. var packages]:
                {
                    string[] missing = [.. packages.Where(package => !Packages.Contains(package))];
                    string output = string.Concat(packages.Where(Packages.Contains).Select(_ => "install ok installed\n"));
                    return new(missing.Length == 0 ? 0 : 1, output, string.Concat(missing.Select(package => $"dpkg-query: no packages found matching {package}\n")));
                }

            case ["apt-get", "update", "-q"]:
                return Ok("Reading package lists...\n");
            case ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "-o", "Dpkg::Options::=--force-confold", .. var packages]:
                Install([.. packages.Where(package => !Packages.Contains(package))]);
                return Ok("Reading package lists...\n");
            case ["systemctl", "enable", "--now", var unit]:
                if (!_units.ContainsKey(unit))
                {
                    return new(1, "", $"Failed to enable unit: Unit file {unit}.service does not exist.\n");
                }

                _units[unit] = (true, true);
                return Ok();
            case ["systemctl", "daemon-reload"]:
                return Ok();
            case ["test", "-d", var path]:
                return Status(IsDirectory(path));
            case ["test", "-e", var path]:
                return Status(Exists(path));
            case ["mkdir", "-p", var path]:
                return MakeDirectoryCommand(path);
            case ["stat", "-c", "%d", .. var paths]:
                {
                    string[] missing = [.. paths.Where(path => !Exists(path))];
                    string output = string.Concat(paths.Where(Exists).Select(path => DeviceOf(path) + "\n"));
                    return new(missing.Length == 0 ? 0 : 1, output, string.Concat(missing.Select(path => $"stat: cannot statx '{path}': No such file or directory\n")));
                }

            case ["cat", var path]:
                return ReadFile(path) is { } content ? Ok(content) : new(1, "", $"cat: {path}: No such file or directory\n");
            case ["sha256sum", var path]:
                return ReadFile(path) is { } hashed ? Ok($"{Sha256(hashed)}  {path}\n") : new(1, "", $"sha256sum: {path}: No such file or directory\n");
            case ["findmnt", "-n", "-o", "FSTYPE,SOURCE", "--mountpoint", var mountPoint]:
                return _mounts.TryGetValue(mountPoint, out (string FileSystemType, string Source) mount) ? Ok($"{mount.FileSystemType} {mount.Source}\n") : new(1, "", "");
            case ["mount", var mountPoint]:
                return Mount(mountPoint);
            case ["ln", "-sfn", var target, var link]:
                if (!IsDirectory(FakeFileTree.Parent(link)))
                {
                    return new(1, "", $"ln: failed to create symbolic link '{link}': No such file or directory\n");
                }

                Symlink(target, link);
                return Ok();
            case ["nginx", "-t", "-q"]:
                return NginxTest();
            default:
                throw new InvalidOperationException($"FakeNodeShell {Name}: command not simulated: {ShellQuote.Join(words)}{(input is null ? "" : $"  <<< {input.Length} bytes")}");
        }
    }

    private CommandResult? Script(string line, string? input)
    {
        Match match;
        if ((match = ServiceCheck().Match(line)).Success && match.Groups[1].Value == match.Groups[2].Value)
        {
            string unit = match.Groups[1].Value;
            return Status(IsEnabled(unit) && IsActive(unit));
        }

        if ((match = UuidRead().Match(line)).Success)
        {
            CommandResult ask = Gluster(["pool", "list"]);
            return ReadFile(match.Groups[1].Value) is { } info ? new(0, info, ask.Error) : new(1, "", ask.Error + $"cat: {match.Groups[1].Value}: No such file or directory\n");
        }

        if ((match = HostsLoop().Match(line)).Success)
        {
            StringBuilder output = new();
            foreach (string name in TryWords(match.Groups[1].Value) ?? throw new InvalidOperationException($"FakeNodeShell: names not parsed: {line}"))
            {
                output.Append($"== {name}\n");
                foreach (string address in Resolve(name))
                {
                    output.Append($"{address,-15} STREAM {name}\n{address,-15} DGRAM  \n{address,-15} RAW    \n");
                }
            }

            return Ok(output.ToString());
        }

        if ((match = Append().Match(line)).Success && input is not null)
        {
            string path = match.Groups[1].Value;
            string old = ReadFile(path) ?? "";
            WriteFile(path, old + (old.Length > 0 && !old.EndsWith('\n') ? "\n" : "") + input);
            return Ok();
        }

        if ((match = AtomicWrite().Match(line)).Success && input is not null)
        {
            (string folder, string temporary, string from, string to) = (Unquote(match.Groups[1].Value), Unquote(match.Groups[2].Value), Unquote(match.Groups[3].Value), Unquote(match.Groups[4].Value));
            if (temporary != from || temporary != to + ".twopir-new" || FakeFileTree.Parent(to) != folder)
            {
                throw new InvalidOperationException($"FakeNodeShell {Name}: odd atomic write: {line}");
            }

            CommandResult made = MakeDirectoryCommand(folder);
            if (!made.Succeeded)
            {
                return made;
            }

            WriteFile(to, input);
            return Ok();
        }

        if ((match = WriteIfMissing().Match(line)).Success && input is not null && Unquote(match.Groups[1].Value) == Unquote(match.Groups[2].Value))
        {
            string path = Unquote(match.Groups[1].Value);
            if (Exists(path))
            {
                return Ok();
            }

            if (!IsDirectory(FakeFileTree.Parent(path)))
            {
                return new(2, "", $"sh: 1: cannot create {path}: Directory nonexistent\n");
            }

            WriteFile(path, input);
            return Ok();
        }

        if ((match = NginxLinks().Match(line)).Success && match.Groups[3].Value == match.Groups[4].Value)
        {
            string output = string.Concat(new[] { ReadLink(match.Groups[1].Value), ReadLink(match.Groups[2].Value) }.Where(target => target is not null).Select(target => target + "\n"));
            string defaultSite = match.Groups[3].Value;
            bool present = Exists(defaultSite) || ReadLink(defaultSite) is not null;
            return new(present ? 0 : 1, present ? output + "default\n" : output, "");
        }

        if ((match = RemoveDefault().Match(line)).Success && match.Groups[1].Value == match.Groups[2].Value && match.Groups[1].Value == match.Groups[3].Value)
        {
            string defaultSite = match.Groups[1].Value;
            if (ReadLink(defaultSite) is not null)
            {
                Locate(defaultSite).Tree.Remove(Locate(defaultSite).Key);
                return Ok();
            }

            return Exists(defaultSite) ? new(1, "", $"{match.Groups[4].Value} {match.Groups[5].Value}\n") : Ok();
        }

        if (WaitForHealth().IsMatch(line))
        {
            return Ok();
        }

        if ((match = NginxCheck().Match(line)).Success)
        {
            bool same = ReadFile(match.Groups[1].Value) == Sha256(NginxConfiguration()) + "  -\n";
            return Status(IsEnabled("nginx") && IsActive("nginx") && same);
        }

        if (line == "systemctl enable nginx && if systemctl is-active --quiet nginx; then systemctl reload nginx; else systemctl start nginx; fi")
        {
            _units["nginx"] = (true, true);
            return Ok();
        }

        if ((match = NginxHashWrite().Match(line)).Success)
        {
            MakeDirectory(match.Groups[1].Value);
            WriteFile(match.Groups[2].Value, Sha256(NginxConfiguration()) + "  -\n");
            return Ok();
        }

        return null;
    }

    private CommandResult Gluster(IReadOnlyList<string> arguments)
    {
        if (!Packages.Contains("glusterfs-server"))
        {
            return new(127, "", "bash: line 1: gluster: command not found\n");
        }

        if (!IsActive("glusterd"))
        {
            return new(1, "Connection failed. Please check if gluster daemon is operational.\n", "");
        }

        // glusterd writes its identity on its first request.
        if (ReadFile("/var/lib/glusterd/glusterd.info") is null)
        {
            WriteFile("/var/lib/glusterd/glusterd.info", $"UUID={GlusterdUuid}\noperating-version=100000\n");
        }

        (int exitCode, string output) = _cluster.Run(this, [.. arguments]);
        return new(exitCode, output, "");
    }

    private CommandResult MakeDirectoryCommand(string path)
    {
        (FakeFileTree tree, string key) = Locate(path);
        for (string folder = key; folder != "/"; folder = FakeFileTree.Parent(folder))
        {
            if (tree.Files.ContainsKey(folder))
            {
                return new(1, "", $"mkdir: cannot create directory '{path}': File exists\n");
            }
        }

        tree.MakeDirectories(key);
        return Ok();
    }

    private CommandResult Mount(string mountPoint)
    {
        string? entry = (ReadFile("/etc/fstab") ?? "").Split('\n')
            .FirstOrDefault(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is [var source, var point, ..] && !source.StartsWith('#') && point == mountPoint);
        if (entry is null)
        {
            return new(1, "", $"mount: {mountPoint}: can't find in /etc/fstab.\n");
        }

        string[] fields = entry.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (!IsDirectory(mountPoint))
        {
            return new(32, "", $"mount: {mountPoint}: mount point does not exist.\n");
        }

        if (fields[2] != "glusterfs" || !_cluster.Volumes.TryGetValue(fields[0][(fields[0].IndexOf(":/", StringComparison.Ordinal) + 2)..], out FakeVolume? volume) || !volume.Started)
        {
            return new(1, "", "Mount failed. Check the log file  for more details.\n");
        }

        _mounts[mountPoint] = ("fuse.glusterfs", fields[0]);
        return Ok();
    }

    private CommandResult NginxTest()
    {
        if (!Packages.Contains("nginx"))
        {
            return new(127, "", "bash: line 1: nginx: command not found\n");
        }

        foreach (string site in _files.Links.Keys.Where(path => FakeFileTree.Parent(path) == SitesEnabled))
        {
            if (ReadFile(site) is null)
            {
                return new(1, "", $"nginx: [emerg] open() \"{site}\" failed (2: No such file or directory) in /etc/nginx/nginx.conf:60\n");
            }
        }

        return Ok();
    }

    // ---- Files: the node's own, or the volume's where it is mounted ----

    private (FakeFileTree Tree, string Key) Locate(string path)
    {
        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach ((string mountPoint, (string type, string source)) in _mounts)
        {
            if (type == "fuse.glusterfs" && (trimmed == mountPoint || trimmed.StartsWith(mountPoint + "/", StringComparison.Ordinal))
                && _cluster.Volumes.TryGetValue(source[(source.IndexOf(":/", StringComparison.Ordinal) + 2)..], out FakeVolume? volume))
            {
                return (volume.Files, trimmed == mountPoint ? "/" : trimmed[mountPoint.Length..]);
            }
        }

        return (_files, trimmed);
    }

    private string Follow(string path)
    {
        for (int depth = 0; depth < 8; depth++)
        {
            if (ReadLink(path) is not { } target)
            {
                return path;
            }

            path = target;
        }

        return path;
    }

    private string DeviceOf(string path)
    {
        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (_mounts.Keys.Any(mountPoint => trimmed == mountPoint || trimmed.StartsWith(mountPoint + "/", StringComparison.Ordinal)))
        {
            return "48";
        }

        return _disks.Any(disk => trimmed == disk || trimmed.StartsWith(disk + "/", StringComparison.Ordinal)) ? "2065" : RootDevice;
    }

    // ---- Parsing ----

    // Words of a line without shell syntax, single quotes (and '\'' escapes) undone; null when the line has shell syntax.
    private static List<string>? TryWords(string line)
    {
        List<string> words = [];
        StringBuilder word = new();
        bool inWord = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '\'')
            {
                int end = line.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    return null;
                }

                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (";&|<>$`\"(){}*?~#\n".Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string Unquote(string word) =>
        TryWords(word) is [var single] ? single : throw new InvalidOperationException($"FakeNodeShell: not one word: {word}");

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static CommandResult Ok(string output = "") => new(0, output, "");

    private static CommandResult Status(bool succeeded) => new(succeeded ? 0 : 1, "", "");

    [GeneratedRegex(@"^systemctl is-enabled --quiet ([\w.@-]+) && systemctl is-active --quiet ([\w.@-]+)$")]
    private static partial Regex ServiceCheck();

    [GeneratedRegex(@"^gluster (?:'--mode=script'|--mode=script) pool list --xml >/dev/null; cat (/var/lib/glusterd/glusterd\.info)$")]
    private static partial Regex UuidRead();

    [GeneratedRegex(@"^for name in (.+); do echo ""== \$name""; getent ahosts ""\$name""; done$")]
    private static partial Regex HostsLoop();

    [GeneratedRegex(@"^if test -s (/etc/hosts|/etc/fstab) && test -n ""\$\(tail -c 1 \1\)""; then echo >> \1; fi; cat >> \1$")]
    private static partial Regex Append();

    [GeneratedRegex("^mkdir -p " + Word + " && cat > " + Word + " && mv -f " + Word + " " + Word + "$")]
    private static partial Regex AtomicWrite();

    [GeneratedRegex("^test -e " + Word + @" \|\| cat > " + Word + "$")]
    private static partial Regex WriteIfMissing();

    [GeneratedRegex(@"^readlink (\S+); readlink (\S+); test -e (\S+) \|\| test -L (\S+) && echo default$")]
    private static partial Regex NginxLinks();

    [GeneratedRegex(@"^if test -L (\S+); then rm (\S+); elif test -e (\S+); then echo '(\S+) ([^']*)' >&2; exit 1; fi$")]
    private static partial Regex RemoveDefault();

    [GeneratedRegex(@"^systemctl is-enabled --quiet nginx && systemctl is-active --quiet nginx && nginx -T 2>/dev/null \| sha256sum \| cmp -s - (\S+) && " + ServesHealth + "$")]
    private static partial Regex NginxCheck();

    [GeneratedRegex(@"^for try in [0-9 ]+; do " + ServesHealth + @" && break; sleep 0\.25; done$")]
    private static partial Regex WaitForHealth();

    // The nginx step fetches the health file from the node itself; here nginx serves it when it runs with the site linked.
    private const string ServesHealth = @"test ""\$\(curl -s -o /dev/null -m 2 -w '%\{http_code\}' -H 'Host: [^']+' http://127\.0\.0\.1/\S+\)"" = 200";

    [GeneratedRegex(@"^mkdir -p (\S+) && nginx -T 2>/dev/null \| sha256sum > (\S+)$")]
    private static partial Regex NginxHashWrite();

    private sealed record Fault(Func<string, bool> Match, int ExitCode, string Stdout, string Stderr, string? SshMessage);
}
