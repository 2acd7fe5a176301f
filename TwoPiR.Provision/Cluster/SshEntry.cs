using System.Diagnostics.CodeAnalysis;

namespace TwoPiR.Provision.Cluster;

/// <summary>SSH login settings; a node's own values win over the file's <c>ssh:</c> section.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by the YAML deserializer.")]
internal class SshEntry
{
    /// <summary>The remote user. Defaults to root.</summary>
    public string? User { get; set; }

    /// <summary>The SSH port. Defaults to 22.</summary>
    public int? Port { get; set; }

    /// <summary>A private key file; relative to the cluster file, <c>~/</c> allowed.</summary>
    public string? Identity { get; set; }

    /// <summary>Whether to run commands through <c>sudo -n</c>. Defaults to true unless the user is root.</summary>
    public bool? Sudo { get; set; }

    /// <summary>A known_hosts file to check host keys against; relative to the cluster file, <c>~/</c> allowed.</summary>
    public string? KnownHosts { get; set; }
}
